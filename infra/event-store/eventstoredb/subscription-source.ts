import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { SubscriptionFilter } from '../../../services/event-store';
import type { Client } from './client';
import { toServerFilter } from './mapping/filters';
import { toReadPosition } from './mapping/positions';
import { readLastPosition } from './read';

/** One server-side catch-up subscription to `$all`: events in order until it ends or fails. */
export interface ServerSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  /** Cancels the subscription on the server; safe to call more than once. */
  unsubscribe(): Promise<void>;
}

/** What a resubscribing subscription needs from the server; a fake one stands in for tests. */
export interface SubscriptionSource {
  /** The position of the last record in `$all`, system events included (0n when empty). */
  lastPosition(): Promise<bigint>;
  /**
   * Subscribes to `$all` from `after` (0n: from the start). `onCheckpoint` is called with positions
   * the server has searched up to; every event before such a position has already been handed
   * to the consumer of this subscription.
   */
  open(after: bigint, onCheckpoint: (position: bigint) => void): ServerSubscription;
}

/**
 * The client's catch-up subscription to `$all` with the port's filter applied by the server
 * (see `toServerFilter`); the subscription checks the exact filter again on what arrives.
 *
 * Checkpoints only move where a resubscription starts after a drop. EventStoreDB 24.10 and
 * KurrentDB 25.0 releases from before the KDB-744 fix (April 2025) could, right after reading a
 * full page at the end of the log, report a checkpoint at an event not yet sent; run a release
 * with the fix, since resuming from such a checkpoint would skip that event.
 */
export function clientSubscriptionSource(client: Client, filter: SubscriptionFilter = {}): SubscriptionSource {
  return {
    lastPosition: () => readLastPosition(client),
    open(after, onCheckpoint) {
      const subscription = client.subscribeToAll({
        fromPosition: toReadPosition(after),
        resolveLinkTos: false,
        // A checkpoint counts only once the events the client pushed before it have all been read
        // from its buffer: resuming from it after a drop must not skip an undelivered event.
        filter: toServerFilter(filter, (current, position) => {
          if (current.readableLength === 0) onCheckpoint(position.commit);
        }),
      });
      // Failures reach the consumer through iteration; a late one (after the consumer stopped
      // reading) must not become an uncaught 'error' event.
      subscription.on('error', () => undefined);
      return subscription;
    },
  };
}
