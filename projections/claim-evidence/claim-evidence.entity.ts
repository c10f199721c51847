import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { EvidenceKind } from '../../services/claims/events';

/** One row per piece of evidence put on file (EvidenceAdded). Times are fixed-width UTC ISO-8601. */
export interface ClaimEvidenceRow {
  /** The evidence id. */
  id: string;
  claimId: string;
  kind: EvidenceKind;
  description: string;
  /** SHA-256 of the content, which itself stays outside. */
  sha256: string;
  uri: string | null;
  capturedAt: string | null;
  /** EvidenceAdded's `occurredAt`. */
  addedAt: string;
  /** Stream revision of the EvidenceAdded event. */
  revision: number;
  /** Global position of the EvidenceAdded event, as a decimal string: the order within a claim. */
  position: string;
}

/** Table `claim_evidence`, read by claim in position order. */
export const ClaimEvidenceSchema = new EntitySchema<ClaimEvidenceRow>({
  name: 'ClaimEvidence',
  tableName: 'claim_evidence',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    claimId: { type: 'string', length: 36 },
    kind: { type: 'string', length: 32 },
    description: { type: 'text' },
    sha256: { type: 'string', length: 64 },
    uri: { type: 'text', nullable: true },
    capturedAt: { type: 'string', length: 32, nullable: true },
    addedAt: { type: 'string', length: 32 },
    revision: { type: 'integer' },
    position: { type: new BigIntType('string') },
  },
  indexes: [{ name: 'claim_evidence_claim', properties: ['claimId', 'position'] }],
});
