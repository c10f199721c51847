import { claimIdOfStream, claimStreamName, type ClaimEscalated } from '../../services/claims';
import type { EventStore, RecordedEvent } from '../../services/event-store';
import { claimAsOfEvents } from '../audit/claim-as-of';
import { toClaimEvent } from '../claims/claim-event.mapper';
import type { Claim } from '../claims/claim.type';
import type { ClaimEscalation } from './claim-escalation.type';
import type { FeedEvent } from './claim-feed';
import { ClaimOrigins } from './claim-origins';

/**
 * How the event hub turns a recorded claim event into what every subscriber receives: once per
 * live event, whatever the number of subscribers. Null for a stream that is not a claim's.
 */
export function createFeedEventPreparer(store: EventStore): (event: RecordedEvent) => Promise<FeedEvent | null> {
  const origins = new ClaimOrigins(store);
  return async (event) => {
    const claimId = claimIdOfStream(event.streamId);
    if (claimId === null) return null;
    return {
      position: event.position,
      claimId,
      origin: await origins.of(claimId, event),
      event: toClaimEvent(event),
      escalation: event.type === 'ClaimEscalated' ? toEscalation(store, claimId, event) : null,
    };
  };
}

function toEscalation(store: EventStore, claimId: string, event: RecordedEvent): ClaimEscalation {
  const data = event.data as ClaimEscalated['data'];
  return {
    claimId,
    level: data.level,
    reason: data.reason,
    body: data.body,
    caseReference: data.caseReference,
    escalatedAt: new Date(data.occurredAt),
    position: String(event.position),
    loadClaim: once(() => claimAt(store, claimId, event.revision)),
  };
}

/**
 * The claim right after `revision`, folded from its stream by the read models' own projections
 * (as `claimAsOf` does): it needs no read model to have caught up, and a resumed subscriber is
 * told of an old escalation exactly what a live one was.
 */
async function claimAt(store: EventStore, claimId: string, revision: bigint): Promise<Claim> {
  const events = await store.readStream(claimStreamName(claimId), { maxCount: Number(revision) + 1 });
  const claim = claimAsOfEvents(events);
  if (!claim) throw new Error(`claim ${claimId} has no ClaimFiled event before revision ${revision}`);
  return claim;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
