import type { MikroORM } from '@mikro-orm/core';
import type { SigningSecrets } from '../../services/webhooks/webhook-service';
import type { Logger } from '../logger';
import type { ProjectorLease } from '../projections/lease';
import { allWebhooks, dueDeliveries, recordAttempt, type AttemptRecord, type DueDelivery } from './delivery-store';
import type { PostOutcome, PostWebhook } from './http-post';
import { nextAttemptAt, type RetryPolicy } from './retry-schedule';
import { signedHeaders } from './signing';

export interface DispatcherOptions {
  orm: MikroORM;
  /** Only the holder sends (one dispatcher per read-model database); others wait. */
  lease: ProjectorLease;
  /** How often the lease is renewed (a write), ms: well within its time to live. */
  leaseRenewMs: number;
  secrets: SigningSecrets;
  post: PostWebhook;
  retry: RetryPolicy;
  /** Deliveries in flight per webhook. */
  concurrency: number;
  pollIntervalMs: number;
  timeoutMs: number;
  allowLoopback: boolean;
  logger: Logger;
  /** Told the outcome of every attempt (metrics). */
  onAttempt?: (outcome: 'delivered' | 'retrying' | 'failed') => void;
  clock?: () => Date;
  random?: () => number;
}

/**
 * Sends the outbox's deliveries. Each webhook has its own lane of `concurrency` slots, so a slow or
 * dead receiver only ever holds its own; within a lane a claim's deliveries go one at a time, in
 * order. A delivery stays PENDING until an attempt's outcome is recorded, so a dispatcher killed
 * mid-attempt sends it again (same `webhook-id`: receivers dedupe).
 */
export class WebhookDispatcher {
  private readonly inFlight = new Map<string, Set<string>>();
  private readonly sends = new Set<Promise<void>>();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private holding = false;
  private leaseCheckedAt = -Infinity;
  private wake: (() => void) | null = null;
  private readonly clock: () => Date;
  private readonly random: () => number;

  constructor(private readonly options: DispatcherOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops looking for work, waits for the attempts in flight, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await Promise.all(this.sends);
    if (this.holding) await this.options.lease.release();
    this.loop = null;
    this.stopping = false;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (await this.holdsLease()) await this.fillLanes();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'webhook dispatch failed; retrying');
      }
      await this.sleep();
    }
  }

  /** Waits for the poll interval, or less when an attempt ends (its claim's next delivery may be due). */
  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async holdsLease(): Promise<boolean> {
    if (this.holding && Date.now() - this.leaseCheckedAt < this.options.leaseRenewMs) return true;
    const held = await this.options.lease.tryAcquire();
    this.leaseCheckedAt = Date.now();
    if (held !== this.holding) {
      this.holding = held;
      this.options.logger.info({ holder: this.options.lease.holder }, held ? 'webhook dispatcher lease taken: delivering' : 'another process delivers webhooks: waiting');
    }
    return held;
  }

  /** Starts as many due deliveries as each webhook's free slots allow. */
  private async fillLanes(): Promise<void> {
    const em = this.options.orm.em.fork();
    for (const webhook of await allWebhooks(em)) {
      const lane = this.lane(webhook.id);
      const free = this.options.concurrency - lane.size;
      if (free <= 0) continue;
      const due = await dueDeliveries(em, webhook.id, this.clock(), free + lane.size);
      for (const delivery of due.filter(({ id }) => !lane.has(id)).slice(0, free)) this.send(lane, webhook.url, delivery);
    }
  }

  private lane(webhookId: string): Set<string> {
    let lane = this.inFlight.get(webhookId);
    if (!lane) this.inFlight.set(webhookId, (lane = new Set()));
    return lane;
  }

  private send(lane: Set<string>, url: string, delivery: DueDelivery): void {
    lane.add(delivery.id);
    const sending = this.attempt(url, delivery)
      .catch((error: unknown) => this.options.logger.error({ err: error, deliveryId: delivery.id }, 'could not record a webhook attempt'))
      .finally(() => {
        lane.delete(delivery.id);
        this.sends.delete(sending);
        this.wake?.();
      });
    this.sends.add(sending);
  }

  private async attempt(url: string, delivery: DueDelivery): Promise<void> {
    const { secrets, post, timeoutMs, allowLoopback } = this.options;
    const startedAt = this.clock();
    const headers = signedHeaders(secrets.secretFor(delivery.webhookId), delivery.id, delivery.body, startedAt);
    const outcome = await post(url, headers, delivery.body, { timeoutMs, allowLoopback });
    const record = this.recordOf(delivery, outcome, startedAt);
    await recordAttempt(this.options.orm.em.fork(), delivery.id, record);
    this.options.onAttempt?.(record.status === 'DELIVERED' ? 'delivered' : record.status === 'FAILED' ? 'failed' : 'retrying');
    const log = { deliveryId: delivery.id, webhookId: delivery.webhookId, claimId: delivery.claimId, statusCode: outcome.statusCode };
    if (outcome.ok) this.options.logger.debug(log, 'webhook delivered');
    else this.options.logger.info({ ...log, error: outcome.error, attempts: delivery.attempts + 1 }, 'webhook attempt failed');
  }

  private recordOf(delivery: DueDelivery, outcome: PostOutcome, startedAt: Date): AttemptRecord {
    const now = this.clock();
    const attempts = delivery.attempts + 1;
    const firstAttemptAt = delivery.firstAttemptAt ?? startedAt.toISOString();
    const common = { attempts, lastStatusCode: outcome.statusCode, lastError: outcome.error, firstAttemptAt };
    if (outcome.ok) return { ...common, status: 'DELIVERED', nextAttemptAt: null, deliveredAt: now.toISOString() };
    const next = nextAttemptAt(this.options.retry, attempts, new Date(firstAttemptAt), now, this.random);
    return next === null
      ? { ...common, status: 'FAILED', nextAttemptAt: null, deliveredAt: null }
      : { ...common, status: 'PENDING', nextAttemptAt: next.toISOString(), deliveredAt: null };
  }
}
