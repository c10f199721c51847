import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/core';
import type { EventStore } from '../../services/event-store';
import { WebhookService, type SigningSecrets } from '../../services/webhooks/webhook-service';
import type { WebhookSettings } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { ProjectorLease } from '../projections/lease';
import { createUrlGuard } from './address-guard';
import { WebhookDispatcher } from './dispatcher';
import { postWebhook } from './http-post';
import { loadWebhookMasterKey } from './master-key';
import { readModelDeliveries } from './read-model-deliveries';
import { derivedSigningSecrets } from './signing';

export { webhookOutboxStep } from './outbox-step';
export { WebhookDispatcher } from './dispatcher';

/** The signing secrets of every webhook, from the configured master key. */
export function webhookSigningSecrets(settings: WebhookSettings): SigningSecrets {
  return derivedSigningSecrets(loadWebhookMasterKey(settings));
}

/** Registering webhooks (the API's side). */
export function createWebhookService(settings: WebhookSettings, store: EventStore, orm: MikroORM, secrets: SigningSecrets): WebhookService {
  return new WebhookService({
    store,
    deliveries: readModelDeliveries(orm),
    urlGuard: createUrlGuard(settings.allowLoopback),
    secrets,
    clock: () => new Date(),
    newId: randomUUID,
  });
}

/** Delivering them (wherever projections run), one dispatcher per read-model database at a time. */
export function createWebhookDispatcher(
  settings: WebhookSettings,
  orm: MikroORM,
  secrets: SigningSecrets,
  logger: Logger,
  leaseMs: number,
  metrics: Pick<Metrics, 'webhookDeliveries'>,
): WebhookDispatcher {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return new WebhookDispatcher({
    orm,
    lease: new ProjectorLease(orm, holder, leaseMs, Date.now, 'webhook-dispatcher'),
    leaseRenewMs: Math.max(50, Math.floor(leaseMs / 4)),
    secrets,
    post: postWebhook,
    retry: { baseDelayMs: settings.retryBaseMs, maxDelayMs: settings.retryMaxDelayMs, windowMs: settings.retryWindowMs },
    concurrency: settings.concurrency,
    pollIntervalMs: settings.pollMs,
    timeoutMs: settings.timeoutMs,
    allowLoopback: settings.allowLoopback,
    logger: logger.child({ component: 'webhooks' }),
    onAttempt: (status) => metrics.webhookDeliveries.inc({ status }),
  });
}
