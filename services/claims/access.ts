import type { Actor } from './commands';

/**
 * Whether `actor` may see the claim of `claimantId`: a claimant only their own claims, every other
 * role all claims. Used by the decider (another claimant's claim reads as NOT_FOUND) and by the
 * query side, so that writes and reads hide the same claims. A null claimant (no claim yet) is no
 * claimant's own.
 */
export function canSeeClaim(actor: Actor, claimantId: string | null): boolean {
  return actor.role !== 'claimant' || (claimantId !== null && actor.id === claimantId);
}
