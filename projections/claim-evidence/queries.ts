import type { EntityManager } from '@mikro-orm/core';
import { placeholders, readRows, rowShapeOf } from '../read-sql';
import { ClaimEvidenceSchema, type ClaimEvidenceRow } from './claim-evidence.entity';

const evidenceShape = rowShapeOf(ClaimEvidenceSchema);

/**
 * The evidence of every claim in `claimIds`, ordered by claim id then position (the order it was
 * added); one statement (none for no ids). A DataLoader groups the rows by `claimId`.
 */
export async function findEvidenceByClaimIds(
  em: EntityManager,
  claimIds: readonly string[],
): Promise<ClaimEvidenceRow[]> {
  if (claimIds.length === 0) return [];
  const unique = [...new Set(claimIds)];
  const sql =
    `select ${evidenceShape.columns} from "claim_evidence" where "claim_id" in (${placeholders(unique.length)}) ` +
    // Qualified: the select list names the position's decimal text "position", which sorts as text.
    'order by "claim_evidence"."claim_id", "claim_evidence"."position"';
  return (await readRows(em, sql, unique)).map(evidenceShape.toRow);
}
