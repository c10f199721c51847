import type { RecordedEvent } from '../../services/event-store';
import { metadataOf } from '../../services/metadata';
import type { ClaimEvent } from './claim.type';

/** A recorded claim event as the API shows it. */
export function toClaimEvent(event: RecordedEvent): ClaimEvent {
  const { actor, hash, prevHash } = metadataOf(event);
  return {
    id: event.id,
    type: event.type,
    revision: Number(event.revision),
    position: String(event.position),
    recordedAt: event.recordedAt,
    data: event.data as Record<string, unknown>,
    actorId: actor.id,
    actorRole: actor.role,
    hash,
    prevHash: prevHash ?? null,
  };
}
