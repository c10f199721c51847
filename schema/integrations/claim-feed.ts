import type { ClaimEvent } from '../claims/claim.type';
import type { ClaimEscalation } from './claim-escalation.type';
import type { ClaimOrigin } from './claim-origins';

/**
 * A claim event prepared once for every subscriber: mapped to what the API shows, with what the
 * filters and the visibility rule need (the claim's claimant and platform).
 */
export interface FeedEvent {
  /** The event store's global position. */
  position: bigint;
  claimId: string;
  /** Null when the claim's stream holds no ClaimFiled (an altered store): only non-claimants see it. */
  origin: ClaimOrigin | null;
  event: ClaimEvent;
  /** Set for ClaimEscalated events only. */
  escalation: ClaimEscalation | null;
}

export interface FeedSubscriptionOptions {
  /** Resume: every matching event after this position first, then live ones. Null: live ones only. */
  afterPosition: bigint | null;
  /** The subscriber's filters and visibility, evaluated once per event and subscriber. */
  matches(event: FeedEvent): boolean;
}

/**
 * The claim events of the store as they are appended, in position order, each once; implemented
 * by the process's event hub (infra/subscriptions). A subscription that falls too far behind, or
 * whose feed breaks, ends with an error naming the position to resume after.
 */
export interface ClaimFeed {
  subscribe(options: FeedSubscriptionOptions): AsyncIterableIterator<FeedEvent>;
}
