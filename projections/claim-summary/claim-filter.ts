import type { FilterQuery } from '@mikro-orm/core';
import { InvalidQueryInputError } from '../query-errors';
import type { ClaimSummaryRow } from './claim-summary.entity';

/**
 * The `claims` list's filters; every one given must hold, absent or null ones do not filter.
 * An empty list (`status: []`) matches nothing. `filedFrom` and `filedTo` are both inclusive.
 */
export interface ClaimSummaryFilter {
  status?: readonly string[] | null;
  escalationLevel?: readonly string[] | null;
  platformId?: string | null;
  claimantId?: string | null;
  assignedTo?: string | null;
  filedLate?: boolean | null;
  /** ISO-8601 (any offset) or a Date. */
  filedFrom?: string | Date | null;
  /** ISO-8601 (any offset) or a Date. */
  filedTo?: string | Date | null;
  /** A missed deadline still unmet. */
  overdue?: boolean | null;
}

type Where = FilterQuery<ClaimSummaryRow>;

/**
 * The WHERE of a filter, plus `claimantId = visibleToClaimantId` when given (a claimant sees only
 * their own claims). Throws {@link InvalidQueryInputError} for an unparsable date.
 */
export function claimFilterWhere(filter: ClaimSummaryFilter = {}, visibleToClaimantId?: string | null): Where {
  const conditions: Where[] = [];
  if (filter.status != null) conditions.push({ status: { $in: [...filter.status] } } as Where);
  if (filter.escalationLevel != null) conditions.push({ escalationLevel: { $in: [...filter.escalationLevel] } } as Where);
  if (filter.platformId != null) conditions.push({ platformId: filter.platformId });
  if (filter.claimantId != null) conditions.push({ claimantId: filter.claimantId });
  if (visibleToClaimantId != null) conditions.push({ claimantId: visibleToClaimantId });
  if (filter.assignedTo != null) conditions.push({ assignedTo: filter.assignedTo });
  if (filter.filedLate != null) conditions.push({ filedLate: filter.filedLate });
  if (filter.overdue != null) conditions.push({ overdue: filter.overdue });
  if (filter.filedFrom != null) conditions.push({ filedAt: { $gte: utcIso(filter.filedFrom, 'filter.filedFrom') } });
  if (filter.filedTo != null) conditions.push({ filedAt: { $lte: utcIso(filter.filedTo, 'filter.filedTo') } });
  return conditions.length === 0 ? {} : { $and: conditions };
}

/** Rows strictly after `cursor` in the list's order (filedAt DESC, id DESC). */
export function afterCursorWhere(cursor: Pick<ClaimSummaryRow, 'filedAt' | 'id'>): Where {
  return { $or: [{ filedAt: { $lt: cursor.filedAt } }, { filedAt: cursor.filedAt, id: { $lt: cursor.id } }] };
}

/** Same fixed-width UTC form the projection stores, so the comparison is a time comparison. */
function utcIso(value: string | Date, argument: string): string {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidQueryInputError(`${argument} is not a date-time`, argument);
  return new Date(time).toISOString();
}
