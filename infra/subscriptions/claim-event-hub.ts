import type { ClaimFeed, FeedEvent } from '../../schema/integrations/claim-feed';
import { createFeedEventPreparer } from '../../schema/integrations/feed-event';
import { CLAIM_STREAM_PREFIX } from '../../services/claims';
import type { EventStore } from '../../services/event-store';
import type { Logger } from '../logger';
import { EventHub } from './event-hub';

/** The process's one feed of claim events (the GraphQL subscriptions' {@link ClaimFeed}). */
export type ClaimEventHub = EventHub<FeedEvent> & ClaimFeed;

/**
 * Starts following the claim streams of `store` (the upcasting store: subscribers see current
 * shapes) from its head; close it before the store.
 */
export async function startClaimEventHub(store: EventStore, logger: Logger): Promise<ClaimEventHub> {
  const hub = new EventHub<FeedEvent>({
    store,
    streamPrefixes: [CLAIM_STREAM_PREFIX],
    prepare: createFeedEventPreparer(store),
    logger: logger.child({ component: 'subscriptions' }),
  });
  await hub.start();
  return hub;
}
