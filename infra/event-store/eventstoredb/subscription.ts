import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent, SubscribeToAllOptions, Subscription, SubscriptionFilter } from '../../../services/event-store';
import { toRecordedEvent } from './mapping/events';
import { isSystemEvent, matchesFilter } from './mapping/filters';
import { positionOf } from './mapping/positions';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from './mapping/retry';
import type { ServerSubscription, SubscriptionSource } from './subscription-source';

/** How a subscription behaves beyond the port's options. */
export interface ResubscribeOptions {
  /** Waits between attempts after a drop. */
  retry?: RetryPolicy;
  /** Told about each drop that will be retried (to log it); `attempt` counts drops in a row. */
  onDrop?: (error: unknown, attempt: number) => void;
  /** Called once when the subscription ends, however it ends. */
  onClose?: () => void;
}

const CLOSED = Symbol('closed');

/** Where the subscription stands; shared by the attempts of one subscription. */
interface Cursor {
  /** Every event at or before this position was handed on or skipped: never deliver it again. */
  delivered: bigint;
  /** Where the next server subscription starts: `delivered`, or a later checkpoint. */
  resumeFrom: bigint;
  /** Whether the current attempt received anything (then the next drop waits the shortest time). */
  progressed: boolean;
}

/**
 * A catch-up subscription to `$all` that outlives dropped server subscriptions. It follows one
 * server subscription at a time; when one fails (server restart, leader change, network) or ends,
 * it waits (exponential backoff) and subscribes again from the last position it knows, so
 * nothing is missed; events at or before the last delivered position are skipped, so nothing is
 * repeated — whether the server starts at or after the position. System events and events
 * outside the port's filter are never delivered. Errors no retry can cure end the iteration.
 *
 * `after: 'end'` is resolved when the subscription is created (the server's last position is
 * asked for at once, before this constructor returns): events appended after that request reaches
 * the server are delivered. Unlike the embedded store, an append racing this call on another
 * connection may land on either side.
 */
export class ResubscribingSubscription implements Subscription {
  private closed = false;
  private signalClosed: () => void = () => undefined;
  private readonly closing = new Promise<typeof CLOSED>((resolve) => {
    this.signalClosed = () => resolve(CLOSED);
  });
  private current: ServerSubscription | undefined;
  private readonly start: Promise<bigint>;
  private readonly events: AsyncGenerator<RecordedEvent>;
  private readonly filter: SubscriptionFilter;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeToAllOptions & ResubscribeOptions = {},
  ) {
    if (typeof options.after === 'bigint' && options.after < 0n) {
      throw new RangeError(`after must be a position ≥ 0, got ${options.after}`);
    }
    this.filter = options.filter ?? {};
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.start = this.startPosition();
    this.start.catch(() => undefined);
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  /** Ends the iteration: a pending `next()` resolves as done, and the server subscription is cancelled. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    const current = this.current;
    this.current = undefined;
    await current?.unsubscribe().catch(() => undefined);
    this.options.onClose?.();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      const start = await this.firstPosition();
      if (start === CLOSED) return;
      const cursor: Cursor = { delivered: start, resumeFrom: start, progressed: false };
      for (let attempt = 0; !this.closed; ) {
        cursor.progressed = false;
        const failure = yield* this.follow(cursor);
        if (this.closed) return;
        if (!isRetryable(failure)) throw failure;
        attempt = cursor.progressed ? 1 : attempt + 1;
        this.options.onDrop?.(failure, attempt);
        await this.sleep(retryDelayMs(attempt, this.retry));
      }
    } finally {
      await this.close();
    }
  }

  /**
   * Delivers the events of one server subscription until the subscription is closed (returns
   * nothing) or the server subscription fails or ends (returns why).
   */
  private async *follow(cursor: Cursor): AsyncGenerator<RecordedEvent, unknown> {
    // A checkpoint from a server subscription already given up on says nothing about the events
    // of the next one: only the current one may move the cursor.
    let following = true;
    const server = this.source.open(cursor.resumeFrom, (position) => {
      if (!following) return;
      cursor.progressed = true;
      if (position > cursor.resumeFrom) cursor.resumeFrom = position;
    });
    this.current = server;
    const iterator = server[Symbol.asyncIterator]();
    try {
      while (!this.closed) {
        let next: IteratorResult<AllStreamResolvedEvent> | typeof CLOSED;
        try {
          next = await this.nextOrClosed(iterator);
        } catch (error) {
          return error;
        }
        if (next === CLOSED) return undefined;
        if (next.done === true) return new Error('the server ended the $all subscription');
        const event = this.accept(next.value, cursor);
        if (event !== undefined) yield event;
      }
      return undefined;
    } finally {
      following = false;
      if (this.current === server) this.current = undefined;
      await server.unsubscribe().catch(() => undefined);
    }
  }

  /** Moves the cursor past `resolved` and returns it as the port's event if it is to be delivered. */
  private accept(resolved: AllStreamResolvedEvent, cursor: Cursor): RecordedEvent | undefined {
    cursor.progressed = true;
    const position = positionOf(resolved);
    if (position <= cursor.delivered) return undefined;
    cursor.delivered = position;
    if (position > cursor.resumeFrom) cursor.resumeFrom = position;
    const event = resolved.event;
    if (event === undefined || isSystemEvent(event) || !matchesFilter(event, this.filter)) return undefined;
    return toRecordedEvent(resolved);
  }

  /** The position to deliver after, retrying (with backoff) while the server cannot say. */
  private async firstPosition(): Promise<bigint | typeof CLOSED> {
    let pending = this.start;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await Promise.race([pending, this.closing]);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        this.options.onDrop?.(error, attempt);
        if ((await this.sleep(retryDelayMs(attempt, this.retry))) === CLOSED) return CLOSED;
        pending = this.startPosition();
      }
    }
  }

  private startPosition(): Promise<bigint> {
    const after = this.options.after ?? 'start';
    if (after === 'end') return this.source.lastPosition();
    return Promise.resolve(after === 'start' ? 0n : after);
  }

  private nextOrClosed<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T> | typeof CLOSED> {
    const next = iterator.next();
    // If closing wins the race, a later rejection of `next` is expected and must not go unhandled.
    next.catch(() => undefined);
    return Promise.race([next, this.closing]);
  }

  /** Waits `ms`, or less if the subscription is closed meanwhile. */
  private async sleep(ms: number): Promise<void | typeof CLOSED> {
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    try {
      return await Promise.race([elapsed, this.closing]);
    } finally {
      clearTimeout(timer);
    }
  }
}
