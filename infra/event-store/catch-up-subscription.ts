import type { RecordedEvent, Subscription } from '../../services/event-store';
import type { AppendNotifier } from './append-notifier';

/** Where a catch-up subscription reads from; it knows nothing of SQL. */
export interface CatchUpSource {
  /** The position of the last event in the store. */
  head(): bigint;
  /** The matching events with positions in (after, upTo], in order, at most `limit`. */
  readBatch(after: bigint, upTo: bigint, limit: number): RecordedEvent[];
}

export interface CatchUpOptions {
  /** Deliver events strictly after this position. */
  after: bigint;
  /** Wakes the subscription at once after an append through the same store object. */
  notifier: AppendNotifier;
  /** How often to look for appends made by other processes, in ms. */
  pollIntervalMs: number;
  /** At most this many events are read per query. */
  batchSize: number;
  /** Called once when the subscription ends, however it ends. */
  onClose?: () => void;
}

/**
 * One loop serves catch-up and live delivery alike: read the batch after the last position
 * checked, yield it, and when the store has nothing newer, wait for an append or a poll tick.
 * Because the loop never switches mode, nothing is missed or repeated at the switch. Events are
 * read only as fast as they are consumed. It can be iterated once.
 */
export class CatchUpSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: CatchUpOptions,
  ) {
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  /** Ends the iteration: a pending `next()` resolves as done, and no further event is delivered. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.options.onClose?.();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    // Every event at or before `checked` has been delivered or did not match the filter.
    let checked = this.options.after;
    try {
      while (!this.closed) {
        const head = this.source.head();
        if (head <= checked) {
          await this.waitForAppend();
          continue;
        }
        const batch = this.source.readBatch(checked, head, this.options.batchSize);
        for (const event of batch) {
          if (this.closed) return;
          checked = event.position;
          yield event;
        }
        // A short batch means everything up to `head` was seen: skip the non-matching rest.
        if (batch.length < this.options.batchSize) checked = head;
      }
    } finally {
      await this.close();
    }
  }

  /** Registered synchronously after the head check, so an in-process append cannot slip between. */
  private waitForAppend(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        cancel();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      const cancel = this.options.notifier.once(done);
      this.wake = done;
    });
  }
}
