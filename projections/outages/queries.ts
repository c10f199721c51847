import type { EntityManager } from '@mikro-orm/core';
import { ClaimSummarySchema, type ClaimSummaryRow } from '../claim-summary/claim-summary.entity';
import { OutageSchema, type OutageRow } from './outage.entity';

/** An outage by id, or null. */
export async function findOutage(em: EntityManager, id: string): Promise<OutageRow | null> {
  const row = await em.findOne(OutageSchema, { id }, { disableIdentityMap: true });
  return row && { ...row };
}

/** Outages, newest start first, optionally of one platform; at most `limit`. */
export async function findOutages(em: EntityManager, platformId: string | null, limit: number): Promise<OutageRow[]> {
  const rows = await em.find(OutageSchema, platformId === null ? {} : { platformId }, {
    orderBy: { startedAt: 'desc', id: 'desc' },
    limit,
    disableIdentityMap: true,
  });
  return rows.map((row) => ({ ...row }));
}

/** Outages that earned a make-up: the compensator's work list. */
export async function findOutagesWithMakeUp(em: EntityManager): Promise<OutageRow[]> {
  const rows = await em.find(OutageSchema, { makeUpExtensionHours: { $ne: null } }, { orderBy: { startedAt: 'asc' }, disableIdentityMap: true });
  return rows.map((row) => ({ ...row }));
}

const NOT_YET_DECIDED = ['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT', 'REJECTED'];

/** Open, undecided claims whose incident falls inside the outage (its platform, and its product if it names one). */
export async function findClaimsToMakeUp(em: EntityManager, outage: OutageRow, limit: number): Promise<ClaimSummaryRow[]> {
  const rows = await em.find(
    ClaimSummarySchema,
    {
      platformId: outage.platformId,
      ...(outage.product === null ? {} : { product: outage.product }),
      incidentAt: { $gte: outage.startedAt, $lte: outage.endedAt ?? outage.startedAt },
      status: { $in: NOT_YET_DECIDED },
    } as never,
    { orderBy: { filedAt: 'asc', id: 'asc' }, limit, disableIdentityMap: true },
  );
  return rows.map((row) => ({ ...row }));
}

/** The claims an outage made up, oldest filing first. */
export async function findClaimsMadeUpBy(em: EntityManager, outageIds: readonly string[]): Promise<ClaimSummaryRow[]> {
  if (outageIds.length === 0) return [];
  const rows = await em.find(ClaimSummarySchema, { compensatedByOutageId: { $in: [...outageIds] } }, { orderBy: { filedAt: 'asc' }, disableIdentityMap: true });
  return rows.map((row) => ({ ...row }));
}
