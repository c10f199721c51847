import type { EntityManager } from '@mikro-orm/core';
import { decodeClaimCursor } from './claim-cursor';
import { placeholders, readRows } from '../read-sql';
import { afterCursorSql, bothSql, claimFilterSql, type ClaimSummaryFilter, type SqlCondition, whereSql } from './claim-filter';
import type { ClaimSummaryRow } from './claim-summary.entity';
import { CLAIM_LIST_ORDER, claimSummaryShape } from './claim-summary-sql';

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
  const unique = [...new Set(ids)];
  const sql = `select ${claimSummaryShape.columns} from "claim_summary" where "id" in (${placeholders(unique.length)})`;
  return (await readRows(em, sql, unique)).map(claimSummaryShape.toRow);
}

/**
 * A page of claims in the stable order filedAt DESC, id DESC, after the cursor if given: keyset
 * pagination, so pages neither repeat nor skip rows when claims are filed meanwhile. Two statements:
 * the page (one row more than asked, to know whether another page follows) and the count.
 * Throws `InvalidQueryInputError` (a malformed cursor or date) before running any.
 */
export async function findClaimPage(em: EntityManager, request: ClaimPageRequest): Promise<ClaimPage> {
  const { first, page, count } = claimPageStatements(request);
  const rows = (await readRows(em, page.sql, page.params)).map(claimSummaryShape.toRow);
  const [{ count: totalCount }] = await readRows(em, count.sql, count.params);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: Number(totalCount) };
}

/** The two statements of a page of the claims list, and the page size they serve. */
export interface ClaimPageStatements {
  first: number;
  page: SqlCondition;
  count: SqlCondition;
}

/**
 * The statements of {@link findClaimPage}. The page reads its ids first, then their rows: the ids
 * come from an index alone (every index the list uses holds the filter's columns, filed_at and
 * id), so the database walks or merges index entries, never sorts thousands of whole rows, and
 * reads only the rows of the page (BENCHMARKS.md, "Dashboard").
 */
export function claimPageStatements(request: ClaimPageRequest): ClaimPageStatements {
  const first = clampPageSize(request.first);
  const where = claimFilterSql(request.filter ?? {}, request.visibleToClaimantId);
  const pageWhere = request.after == null ? where : bothSql(where, afterCursorSql(decodeClaimCursor(request.after)));
  const ids = `select "id" from "claim_summary" ${whereSql(pageWhere)} ${CLAIM_LIST_ORDER} limit ?`;
  return {
    first,
    page: {
      sql: `select ${claimSummaryShape.columns} from "claim_summary" where "id" in (${ids}) ${CLAIM_LIST_ORDER}`,
      params: [...pageWhere.params, first + 1],
    },
    count: { sql: `select count(*) as "count" from "claim_summary" ${whereSql(where)}`, params: where.params },
  };
}

/** `first` as a whole number in 0..MAX_PAGE_SIZE. */
export function clampPageSize(first: number | null | undefined): number {
  if (first == null || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(0, Math.trunc(first)));
}
