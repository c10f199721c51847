import type { EntityManager } from '@mikro-orm/core';
import { CollectiveCaseSchema, CollectiveMemberSchema, type CollectiveCaseRow, type CollectiveMemberRow } from './collective-case.entity';

/** A collective case by id, or null. */
export async function findCollectiveCase(em: EntityManager, id: string): Promise<CollectiveCaseRow | null> {
  const row = await em.findOne(CollectiveCaseSchema, { id }, { disableIdentityMap: true });
  return row && { ...row };
}

/** Cases, newest first, optionally against one platform; at most `limit`. */
export async function findCollectiveCases(em: EntityManager, platformId: string | null, limit: number): Promise<CollectiveCaseRow[]> {
  const rows = await em.find(CollectiveCaseSchema, platformId === null ? {} : { platformId }, {
    orderBy: { openedAt: 'desc', id: 'desc' },
    limit,
    disableIdentityMap: true,
  });
  return rows.map((row) => ({ ...row }));
}

/** The current members of the cases, each case's in joining order; one statement. */
export async function findMembersOfCases(em: EntityManager, caseIds: readonly string[]): Promise<CollectiveMemberRow[]> {
  if (caseIds.length === 0) return [];
  const rows = await em.find(CollectiveMemberSchema, { caseId: { $in: [...new Set(caseIds)] } }, { orderBy: { position: 'asc' }, disableIdentityMap: true });
  return rows.map((row) => ({ ...row }));
}
