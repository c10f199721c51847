import type { PubSub } from 'type-graphql';

const UNUSED = 'Recourse subscriptions read the event hub through their own subscribe functions; there are no topics';

/**
 * type-graphql refuses to build a schema with subscriptions unless given a PubSub, even when
 * every subscription brings its own `subscribe` (ours do: the process's event hub, see
 * claim-feed.ts). Topics would be a second, lossy path for events: this one refuses them.
 */
export const noPubSub: PubSub = {
  publish() {
    throw new Error(UNUSED);
  },
  subscribe() {
    throw new Error(UNUSED);
  },
};
