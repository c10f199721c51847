import type { EntityManager } from '@mikro-orm/core';
import { decodeClaimCursor } from './claim-cursor';
import { afterCursorWhere, claimFilterWhere, type ClaimSummaryFilter } from './claim-filter';
import { ClaimSummarySchema, type ClaimSummaryRow } from './claim-summary.entity';

export type { ClaimSummaryFilter } from './claim-filter';

/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page served; larger requests are clamped (the API validates and explains). */
export const MAX_PAGE_SIZE = 100;

/** A request for one page of the claims list. */
export interface ClaimPageRequest {
  filter?: ClaimSummaryFilter | null;
  /** Rows wanted; default {@link DEFAULT_PAGE_SIZE}, clamped to 0..{@link MAX_PAGE_SIZE}. */
  first?: number | null;
  /** Cursor of the last row of the previous page (`encodeClaimCursor`). */
  after?: string | null;
  /** When set, only this claimant's claims exist (a claimant's own view). */
  visibleToClaimantId?: string | null;
}

/** One page of the claims list, newest filing first. */
export interface ClaimPage {
  rows: ClaimSummaryRow[];
  hasNextPage: boolean;
  /** Rows matching the filter on all pages. */
  totalCount: number;
}

/** The summaries of `ids` that exist, in no particular order; one statement (none for no ids). */
export async function findClaimSummariesByIds(em: EntityManager, ids: readonly string[]): Promise<ClaimSummaryRow[]> {
  if (ids.length === 0) return [];
  const rows = await em.find(ClaimSummarySchema, { id: { $in: [...new Set(ids)] } }, { disableIdentityMap: true });
  return rows.map((row) => ({ ...row }));
}

/**
 * A page of claims in the stable order filedAt DESC, id DESC, after the cursor if given: keyset
 * pagination, so pages neither repeat nor skip rows when claims are filed meanwhile. Two statements:
 * the page (one row more than asked, to know whether another page follows) and the count.
 * Throws `InvalidQueryInputError` (a malformed cursor or date) before running any.
 */
export async function findClaimPage(em: EntityManager, request: ClaimPageRequest): Promise<ClaimPage> {
  const first = clampPageSize(request.first);
  const where = claimFilterWhere(request.filter ?? {}, request.visibleToClaimantId);
  const pageWhere = request.after == null ? where : { $and: [where, afterCursorWhere(decodeClaimCursor(request.after))] };
  const rows = await em.find(ClaimSummarySchema, pageWhere, {
    orderBy: { filedAt: 'desc', id: 'desc' },
    limit: first + 1,
    disableIdentityMap: true,
  });
  const totalCount = await em.count(ClaimSummarySchema, where);
  return {
    rows: rows.slice(0, first).map((row) => ({ ...row })),
    hasNextPage: rows.length > first,
    totalCount,
  };
}

/** `first` as a whole number in 0..MAX_PAGE_SIZE. */
export function clampPageSize(first: number | null | undefined): number {
  if (first == null || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(0, Math.trunc(first)));
}
