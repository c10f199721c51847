import type { EntityManager } from '@mikro-orm/core';
import { ClaimEvidenceSchema, type ClaimEvidenceRow } from './claim-evidence.entity';

/**
 * The evidence of every claim in `claimIds`, ordered by claim id then position (the order it was
 * added); one statement (none for no ids). A DataLoader groups the rows by `claimId`.
 */
export async function findEvidenceByClaimIds(
  em: EntityManager,
  claimIds: readonly string[],
): Promise<ClaimEvidenceRow[]> {
  if (claimIds.length === 0) return [];
  const rows = await em.find(
    ClaimEvidenceSchema,
    { claimId: { $in: [...new Set(claimIds)] } },
    { orderBy: { claimId: 'asc', position: 'asc' }, disableIdentityMap: true },
  );
  return rows.map((row) => ({ ...row }));
}
