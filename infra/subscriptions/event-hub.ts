import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, RecordedEvent, Subscription } from '../../services/event-store';
import type { Logger } from '../logger';
import { HubSubscriber, type CatchUpBatch, type HubLink, type Positioned, type SubscriberOptions } from './hub-subscriber';

export interface EventHubOptions<P extends Positioned> {
  /** The store to follow (the upcasting one: subscribers see current shapes). */
  store: EventStore;
  /** The streams the hub feeds (by name prefix); every other event is skipped. */
  streamPrefixes: string[];
  /** Turns an event into what subscribers receive, once per event; null skips it. */
  prepare(event: RecordedEvent): Promise<P | null>;
  logger: Logger;
  /** Live events one subscriber may hold undelivered; default 1,000. */
  queueLimit?: number;
  /** Events read per catch-up query; default 500. */
  batchSize?: number;
  /** Wait before following the store again after its subscription failed, ms; default 1,000. */
  retryMs?: number;
}

/**
 * One live subscription to the event store per process, fanned out to every subscriber: each
 * event is prepared once and offered to each subscriber's bounded queue, so a slow subscriber
 * never holds up the others (it is ended with SUBSCRIPTION_OVERFLOW instead). Subscribers that
 * resume read `$all` themselves first (see {@link HubSubscriber}).
 */
export class EventHub<P extends Positioned> implements HubLink<P> {
  readonly queueLimit: number;
  readonly batchSize: number;
  private readonly subscribers = new Set<HubSubscriber<P>>();
  /** The position of the last event offered to the subscribers (or the head when the hub started). */
  private position = 0n;
  private live: Subscription | null = null;
  private running: Promise<void> | null = null;
  private readonly stopping = new AbortController();

  constructor(private readonly options: EventHubOptions<P>) {
    this.queueLimit = options.queueLimit ?? 1000;
    this.batchSize = options.batchSize ?? 500;
  }

  /**
   * Follows the store from its current head. An explicit position rather than `end`: the hub
   * must know where its feed starts for a resuming subscriber to prove it misses nothing.
   */
  async start(): Promise<void> {
    this.position = await this.options.store.headPosition();
    this.running = this.run();
  }

  /** A subscription: iterate it; `return()` (what graphql-ws calls when the client leaves) ends it. */
  subscribe(options: SubscriberOptions<P>): AsyncIterableIterator<P> {
    return new HubSubscriber(this, options);
  }

  /** How many subscribers receive live events now. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  join(subscriber: HubSubscriber<P>): bigint {
    this.subscribers.add(subscriber);
    return this.position;
  }

  leave(subscriber: HubSubscriber<P>): void {
    this.subscribers.delete(subscriber);
  }

  async readAfter(after: bigint, limit: number): Promise<CatchUpBatch<P>> {
    const events = await this.options.store.readAll({ after, maxCount: limit });
    const fed = events.filter((event) => this.feeds(event));
    const prepared: (P | null)[] = await Promise.all(fed.map((event) => this.options.prepare(event)));
    return {
      events: prepared.filter((payload): payload is P => payload !== null),
      last: events.at(-1)?.position ?? after,
      exhausted: events.length < limit,
    };
  }

  /** Stops following the store; open subscriptions end (complete) quietly. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.live?.close();
    await this.running;
    for (const subscriber of [...this.subscribers]) subscriber.end();
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.follow();
        if (!this.stopping.signal.aborted) throw new Error('the event store subscription ended');
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        this.options.logger.error({ err: error, position: String(this.position) }, 'live event feed interrupted');
        for (const subscriber of [...this.subscribers]) subscriber.fail('SUBSCRIPTION_INTERRUPTED');
        await sleep(this.options.retryMs ?? 1000, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  private async follow(): Promise<void> {
    const filter = { streamPrefixes: this.options.streamPrefixes };
    this.live = this.options.store.subscribeToAll({ after: this.position, filter });
    for await (const event of this.live) {
      const payload = await this.options.prepare(event);
      // Offered synchronously with the position update: a subscriber joining now sees `position`
      // and is offered every later event, which is what its switch to live relies on.
      this.position = event.position;
      if (payload !== null) for (const subscriber of this.subscribers) subscriber.offer(payload);
    }
  }

  private feeds(event: RecordedEvent): boolean {
    return this.options.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
  }
}
