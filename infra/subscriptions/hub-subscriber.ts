import { ResumableSubscriptionError } from './subscription-errors';

/** A prepared event: its payload knows its global position. */
export interface Positioned {
  position: bigint;
}

/** A batch read from `$all` for a subscriber that is catching up. */
export interface CatchUpBatch<P> {
  /** The prepared events of the batch that the hub feeds (claim streams), in position order. */
  events: P[];
  /** The position of the last event read, of any stream (`after` when none was). */
  last: bigint;
  /** The store had no more events than these. */
  exhausted: boolean;
}

/** What a subscriber needs of its hub. */
export interface HubLink<P extends Positioned> {
  /** Reads the events after `after` (at most `limit`), prepared as live ones are. */
  readAfter(after: bigint, limit: number): Promise<CatchUpBatch<P>>;
  /** Starts offering live events; answers the position of the last event offered before. */
  join(subscriber: HubSubscriber<P>): bigint;
  leave(subscriber: HubSubscriber<P>): void;
  /** Live events a subscriber may hold undelivered before it is ended with SUBSCRIPTION_OVERFLOW. */
  readonly queueLimit: number;
  /** Events read per catch-up query. */
  readonly batchSize: number;
}

export interface SubscriberOptions<P> {
  /** Resume: every matching event after this position first. Null: live events from now on. */
  afterPosition: bigint | null;
  /** Whether this subscriber wants the event (its filters and what its caller may see). */
  matches(payload: P): boolean;
}

type Phase = 'catch-up' | 'gap' | 'live' | 'ended';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * One subscriber: catch-up from `$all`, then the hub's live events, in position order, each once.
 *
 * It catches up without the hub until the store is exhausted (reading only as fast as it is
 * consumed, so nothing piles up), then joins the hub, which answers the position P of the last
 * event it offered: every later event will be offered. Whatever lies between the catch-up and P
 * (appends in the meantime) is read too ("gap"), then live events are taken from the queue,
 * skipping those at or before the last position read. Hand-written rather than an async
 * generator: `return()` must end a `next()` that waits for live events (a generator's would queue).
 */
export class HubSubscriber<P extends Positioned> implements AsyncIterableIterator<P> {
  private phase: Phase;
  /** Every event at or before it was delivered or did not match. */
  private checked: bigint;
  /** The hub's position when this subscriber joined. */
  private joinedAt = 0n;
  private ready: P[] = [];
  private queue: P[] = [];
  private failure: ResumableSubscriptionError | null = null;
  private wake: (() => void) | null = null;
  /** Where a client resumes if this subscription ends early. */
  private resumeAfter: bigint | null;

  constructor(
    private readonly hub: HubLink<P>,
    private readonly options: SubscriberOptions<P>,
  ) {
    this.resumeAfter = options.afterPosition;
    if (options.afterPosition !== null) {
      this.phase = 'catch-up';
      this.checked = options.afterPosition;
    } else {
      this.phase = 'live';
      this.checked = hub.join(this);
      this.resumeAfter = this.checked;
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<P>> {
    try {
      return await this.pull();
    } catch (error) {
      // graphql-ws does not call return() after a failed next(): leave the hub here.
      this.end();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<P>> {
    this.end();
    return DONE;
  }

  private async pull(): Promise<IteratorResult<P>> {
    for (;;) {
      if (this.failure) return this.throwFailure(this.failure);
      if (this.phase === 'ended') return DONE;
      const payload = this.ready.shift() ?? (this.phase === 'live' ? this.takeLive() : undefined);
      if (payload) {
        this.resumeAfter = payload.position;
        return { value: payload, done: false };
      }
      await (this.phase === 'live' ? this.waitForOffer() : this.catchUp());
    }
  }

  /** Called by the hub for each live event, in position order; never blocks the hub. */
  offer(payload: P): void {
    if (this.phase === 'ended' || this.failure || !this.options.matches(payload)) return;
    if (this.queue.length >= this.hub.queueLimit) return this.fail('SUBSCRIPTION_OVERFLOW');
    this.queue.push(payload);
    this.wakeUp();
  }

  /** Ends the subscription with an error the client can resume from. */
  fail(code: ResumableSubscriptionError['code']): void {
    if (this.phase === 'ended' || this.failure) return;
    this.failure = new ResumableSubscriptionError(code, this.resumeAfter);
    this.queue = [];
    this.ready = [];
    this.hub.leave(this);
    this.wakeUp();
  }

  /** Ends the subscription quietly (the client left, or the server stops). */
  end(): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.queue = [];
    this.ready = [];
    this.hub.leave(this);
    this.wakeUp();
  }

  private throwFailure(failure: ResumableSubscriptionError): never {
    this.failure = null;
    this.end();
    throw failure;
  }

  private takeLive(): P | undefined {
    let payload = this.queue.shift();
    // Read during catch-up already: the queue may start before the last position read.
    while (payload && payload.position <= this.checked) payload = this.queue.shift();
    if (payload) this.checked = payload.position;
    return payload;
  }

  private async catchUp(): Promise<void> {
    const batch = await this.hub.readAfter(this.checked, this.hub.batchSize);
    if (this.phase === 'ended' || this.failure) return;
    this.ready.push(...batch.events.filter((payload) => this.options.matches(payload)));
    if (batch.last > this.checked) this.checked = batch.last;
    if (this.phase === 'catch-up' && batch.exhausted) this.joinHub();
    else if (this.phase === 'gap' && (batch.exhausted || this.checked >= this.joinedAt)) this.phase = 'live';
  }

  private joinHub(): void {
    this.joinedAt = this.hub.join(this);
    this.phase = this.checked >= this.joinedAt ? 'live' : 'gap';
  }

  private waitForOffer(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
