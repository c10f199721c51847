import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersionError,
  type CurrentRevision,
  type EventData,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '../../../services/event-store';

/** What each part of the contract suite is given. */
export interface ContractContext {
  /** The store the suite opened for its tests (it may be shared with other test runs). */
  store(): EventStore;
  /** Opens another store object (another connection) on the same data. */
  open: () => Promise<EventStore>;
}

/** A stream name no other test (or test run on a shared server) uses. */
export function newStreamName(): string {
  return `test-${randomUUID()}`;
}

export function anEvent(type = 'TestEvent', data: unknown = { n: 1 }, metadata: EventMetadata = {}): EventData {
  return { id: randomUUID(), type, data, metadata };
}

export function someEvents(count: number, type = 'TestEvent'): EventData[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

export function idsOf(events: ReadonlyArray<{ id: string }>): string[] {
  return events.map((event) => event.id);
}

/** Expects the append to fail with WrongExpectedVersionError reporting `actual`. */
export async function expectConflict(append: Promise<unknown>, actual: CurrentRevision): Promise<void> {
  const error: unknown = await append.then(
    () => new Error('the append succeeded'),
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect((error as WrongExpectedVersionError).actual).toBe(actual);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a subscription step by step, with timeouts so a missing event fails instead of hanging. */
export class SubscriptionReader {
  private readonly iterator: AsyncIterator<RecordedEvent>;

  constructor(subscription: Subscription) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** The next event, or `done` once the subscription has ended. */
  async next(timeoutMs = 5_000): Promise<RecordedEvent | 'done'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([this.iterator.next(), timeout]);
      return result.done === true ? 'done' : result.value;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every event up to and including the first one `last` accepts. */
  async until(last: (event: RecordedEvent) => boolean, timeoutMs = 10_000): Promise<RecordedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    const events: RecordedEvent[] = [];
    for (;;) {
      const event = await this.next(Math.max(deadline - Date.now(), 1));
      if (event === 'done') throw new Error(`subscription ended after ${events.length} events`);
      events.push(event);
      if (last(event)) return events;
    }
  }
}
