import { canSeeClaim, type EscalationLevel } from '../../services/claims';
import type { Principal } from '../../services/tokens';
import type { FeedEvent } from './claim-feed';

export interface ClaimEventsFilter {
  claimId: string | null;
  types: ReadonlySet<string> | null;
}

export interface EscalationsFilter {
  levels: ReadonlySet<EscalationLevel> | null;
  platformId: string | null;
}

/**
 * The claimant rule of every read: a claimant hears only of their own claims; another's claim
 * is silent, exactly like a claim that does not exist.
 */
function visibleTo(principal: Principal, event: FeedEvent): boolean {
  return canSeeClaim(principal, event.origin?.claimantId ?? null);
}

export function claimEventsMatcher(principal: Principal, filter: ClaimEventsFilter) {
  return (event: FeedEvent): boolean =>
    (filter.claimId === null || event.claimId === filter.claimId) &&
    (filter.types === null || filter.types.has(event.event.type)) &&
    visibleTo(principal, event);
}

export function escalationsMatcher(principal: Principal, filter: EscalationsFilter) {
  return (event: FeedEvent): boolean =>
    event.escalation !== null &&
    (filter.levels === null || filter.levels.has(event.escalation.level)) &&
    (filter.platformId === null || event.origin?.platformId === filter.platformId) &&
    visibleTo(principal, event);
}
