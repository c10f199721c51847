import type { EventStore, Subscription } from '../event-store';
import { upcastClaimEvent } from './claim-upcasters';
import type { Upcast } from './upcaster';

/**
 * `store` as the code reads it: every event read, from a stream, from `$all` or from a
 * subscription, comes out in its type's current shape (`upcast`), so the decider, the projections,
 * history and time travel never see an old version. Appends pass through unchanged (the service
 * writes current versions); the recorded events an append answers with are upcast like any read.
 * Hash verification and export must read the wrapped store itself: the hash chain covers events
 * as stored. Closing this closes `store`.
 */
export function upcastingEventStore(store: EventStore, upcast: Upcast = upcastClaimEvent): EventStore {
  return {
    appendToStream: async (streamId, events, options) => {
      const result = await store.appendToStream(streamId, events, options);
      return result.events ? { ...result, events: result.events.map(upcast) } : result;
    },
    readStream: async (streamId, options) => (await store.readStream(streamId, options)).map(upcast),
    readAll: async (options) => (await store.readAll(options)).map(upcast),
    subscribeToAll: (options) => upcastingSubscription(store.subscribeToAll(options), upcast),
    // A ring carries no event, so there is nothing to upcast; absent when `store` has no doorbell.
    ...(store.onAppended && { onAppended: (listener: () => void) => store.onAppended!(listener) }),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

function upcastingSubscription(subscription: Subscription, upcast: Upcast): Subscription {
  return {
    close: () => subscription.close(),
    // Leaving the loop early returns the inner iterator too, as iterating `subscription` directly would.
    async *[Symbol.asyncIterator]() {
      for await (const event of subscription) yield upcast(event);
    },
  };
}
