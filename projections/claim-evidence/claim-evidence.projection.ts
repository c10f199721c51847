import type { RecordedEvent } from '../../services/event-store';
import { claimIdOfStream } from '../../services/claims/streams';
import { asClaimEvent, toUtcIso, toUtcIsoOrNull, type Projection } from '../projection';
import { ClaimEvidenceSchema, type ClaimEvidenceRow } from './claim-evidence.entity';

/** "What evidence is on file for a claim?": one row per EvidenceAdded, keyed by evidence id. */
export const claimEvidenceProjection: Projection<ClaimEvidenceRow> = {
  name: 'claim-evidence',
  version: 1,
  entity: ClaimEvidenceSchema,
  handles: ['EvidenceAdded'],
  keyOf: evidenceKeyOf,
  evolve: evolveClaimEvidence,
};

/** The evidence id of an EvidenceAdded on a claim stream; null for anything else. */
export function evidenceKeyOf(recorded: RecordedEvent): string | null {
  const event = asClaimEvent(recorded);
  if (event?.type !== 'EvidenceAdded' || claimIdOfStream(recorded.streamId) === null) return null;
  return event.data.evidenceId;
}

/** The row of an EvidenceAdded; evidence is added once and never changes, so an existing row stays. */
export function evolveClaimEvidence(row: ClaimEvidenceRow | null, recorded: RecordedEvent): ClaimEvidenceRow | null {
  if (row !== null) return row;
  const event = asClaimEvent(recorded);
  const claimId = claimIdOfStream(recorded.streamId);
  if (event?.type !== 'EvidenceAdded' || claimId === null) return null;
  const { data } = event;
  return {
    id: data.evidenceId,
    claimId,
    kind: data.kind,
    description: data.description,
    // SHA-256 is the only digest algorithm so far; the column keeps its name (the API's Evidence.sha256).
    sha256: data.digest.value,
    uri: data.uri ?? null,
    capturedAt: toUtcIsoOrNull(data.capturedAt),
    addedAt: toUtcIso(data.occurredAt),
    revision: Number(recorded.revision),
    position: recorded.position.toString(),
  };
}
