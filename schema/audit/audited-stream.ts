import { canSeeClaim, claimStreamName, DomainError, isClaimId, type ClaimFiled } from '../../services/claims';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '../../services/event-store';
import type { Principal } from '../../services/tokens';
import { badUserInput } from '../errors';

/** `id` as a claim id (lowercase); BAD_USER_INPUT when it is not a UUID. */
export function claimIdArgument(id: string): string {
  if (!isClaimId(id)) throw badUserInput('id must be a UUID', { argument: 'id' });
  return id.toLowerCase();
}

/**
 * Whether `events` (a claim stream read from revision 0) hold a claim `principal` may see: a
 * claimant only their own; other roles any (DESIGN.md's "read claims, history" row). A missing
 * claim and another claimant's look the same, so nothing leaks about which ids exist.
 */
export function isVisibleClaim(principal: Principal, events: readonly RecordedEvent[]): boolean {
  const [first] = events;
  if (first === undefined) return false;
  // A stream whose ClaimFiled is gone (an altered store) has no claimant: only non-claimants see it.
  const claimantId = first.type === 'ClaimFiled' ? (first.data as ClaimFiled['data']).claimantId : null;
  return canSeeClaim(principal, claimantId);
}

/** The claim's stream from revision 0 (up to `maxCount` events), or NOT_FOUND when `principal` may not see it. */
export async function readVisibleStream(
  store: EventStore,
  principal: Principal,
  claimId: string,
  maxCount?: number,
): Promise<RecordedEvent[]> {
  const events = await store.readStream(claimStreamName(claimId), { maxCount });
  if (!isVisibleClaim(principal, events)) throw new DomainError('NOT_FOUND');
  return events;
}

/** A range of the claim's stream, once `principal` is known to see the claim (its first event tells). */
export async function readVisibleRange(
  store: EventStore,
  principal: Principal,
  claimId: string,
  range: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  await readVisibleStream(store, principal, claimId, 1);
  return store.readStream(claimStreamName(claimId), range);
}
