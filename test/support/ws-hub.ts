import type { EventStore, Subscription } from '../../services/event-store';

// Event stores and subscriptions that misbehave on cue, for the event hub's tests.

/** The positions of the next `count` events; fails after 5 s saying how many came. */
export async function take(subscription: AsyncIterator<{ position: bigint }>, count: number): Promise<bigint[]> {
  const positions: bigint[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${positions.length} of ${count} events`)), 5000);
  });
  try {
    while (positions.length < count) {
      const next = await Promise.race([subscription.next(), timeout]);
      if (next.done) break;
      positions.push(next.value.position);
    }
    return positions;
  } finally {
    clearTimeout(timer);
  }
}

/** A subscription that fails after its first event. */
export function breakAfterOne(subscription: Subscription, onBreak: () => void): Subscription {
  return {
    close: () => subscription.close(),
    async *[Symbol.asyncIterator]() {
      for await (const event of subscription) {
        yield event;
        onBreak();
        await subscription.close();
        throw new Error('connection lost');
      }
    },
  };
}

/** `store` with some operations replaced. */
export function delegating(store: EventStore, overrides: Partial<EventStore>): EventStore {
  return {
    appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    ...overrides,
  };
}

/** A subscription that delivers nothing until `gate` opens: a hub lagging behind the store. */
export function gated(subscription: Subscription, gate: Promise<void>): Subscription {
  return {
    close: () => subscription.close(),
    async *[Symbol.asyncIterator]() {
      await gate;
      yield* subscription;
    },
  };
}
