import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../../services/event-store';

/**
 * An in-memory EventStore for read-side tests: enough of the port's semantics (expected revisions,
 * `$all` order, catch-up subscriptions) to drive the projection runner. Positions step by
 * `positionStep` (default 3) to prove nobody assumes they are contiguous.
 */
export class MemoryEventStore implements EventStore {
  private readonly events: RecordedEvent[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly positionStep = 3n,
    private readonly clock: () => Date = () => new Date('2024-06-01T00:00:00.000Z'),
  ) {}

  async appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    const current = this.revisionOf(streamId);
    checkExpected(streamId, options.expectedRevision ?? ANY, current);
    let revision = current ?? -1n;
    for (const event of events) {
      revision += 1n;
      this.events.push({ ...event, streamId, revision, position: this.nextPosition(), recordedAt: this.clock() });
    }
    this.listeners.forEach((listener) => listener());
    return { nextExpectedRevision: revision, position: await this.headPosition() };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.events.filter((e) => e.streamId === streamId && e.revision >= (options.fromRevision ?? 0n));
    return events.slice(0, options.maxCount ?? events.length);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after === undefined || options.after === 'start' ? 0n : options.after;
    return this.events.filter((event) => event.position > after).slice(0, options.maxCount ?? 1000);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    return new MemorySubscription(this, this.listeners, this.startOf(options.after));
  }

  async headPosition(): Promise<bigint> {
    return this.events.at(-1)?.position ?? 0n;
  }

  async close(): Promise<void> {
    this.listeners.forEach((listener) => listener());
  }

  private startOf(after: SubscribeToAllOptions['after'] = 'start'): bigint {
    if (after === 'start') return 0n;
    return after === 'end' ? (this.events.at(-1)?.position ?? 0n) : after;
  }

  private revisionOf(streamId: string): bigint | null {
    const stream = this.events.filter((event) => event.streamId === streamId);
    return stream.at(-1)?.revision ?? null;
  }

  private nextPosition(): bigint {
    return (this.events.at(-1)?.position ?? 0n) + this.positionStep;
  }
}

function checkExpected(streamId: string, expected: NonNullable<AppendOptions['expectedRevision']>, current: bigint | null): void {
  const ok =
    expected === ANY ||
    (expected === NO_STREAM && current === null) ||
    (expected === STREAM_EXISTS && current !== null) ||
    (typeof expected === 'bigint' && expected === current);
  if (!ok) throw new WrongExpectedVersionError(streamId, expected, current ?? NO_STREAM);
}

/** Delivers every event after `after`, then waits for appends until closed. */
class MemorySubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly listener = () => this.wake?.();

  constructor(
    private readonly store: EventStore,
    private readonly listeners: Set<() => void>,
    private after: bigint,
  ) {
    listeners.add(this.listener);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    while (!this.closed) {
      const pending = this.waitForAppend();
      const events = await this.store.readAll({ after: this.after, maxCount: 100 });
      for (const event of events) {
        if (this.closed) return;
        this.after = event.position;
        yield event;
      }
      if (events.length === 0) await pending;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.delete(this.listener);
    this.wake?.();
  }

  private waitForAppend(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}
