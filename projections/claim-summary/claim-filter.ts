import { InvalidQueryInputError } from '../query-errors';
import { placeholders } from '../read-sql';
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

/** A WHERE clause in SQL (`?` placeholders, the same text on every database) and its values in order. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The WHERE of a filter, plus `claimant_id = visibleToClaimantId` when given (a claimant sees only
 * their own claims); empty for no filter. Throws {@link InvalidQueryInputError} for an unparsable date.
 */
export function claimFilterSql(filter: ClaimSummaryFilter = {}, visibleToClaimantId?: string | null): SqlCondition {
  const where = new ConditionBuilder();
  where.anyOf('status', filter.status);
  where.anyOf('escalation_level', filter.escalationLevel);
  where.equal('platform_id', filter.platformId);
  where.equal('claimant_id', filter.claimantId);
  where.equal('claimant_id', visibleToClaimantId);
  where.equal('assigned_to', filter.assignedTo);
  where.equal('filed_late', filter.filedLate);
  where.equal('overdue', filter.overdue);
  if (filter.filedFrom != null) where.add('"filed_at" >= ?', utcIso(filter.filedFrom, 'filter.filedFrom'));
  if (filter.filedTo != null) where.add('"filed_at" <= ?', utcIso(filter.filedTo, 'filter.filedTo'));
  return where.build();
}

/** Rows strictly after `cursor` in the list's order (filed_at DESC, id DESC). */
export function afterCursorSql(cursor: Pick<ClaimSummaryRow, 'filedAt' | 'id'>): SqlCondition {
  return { sql: '("filed_at" < ? or ("filed_at" = ? and "id" < ?))', params: [cursor.filedAt, cursor.filedAt, cursor.id] };
}

/** Both conditions (either may be empty). */
export function bothSql(a: SqlCondition, b: SqlCondition): SqlCondition {
  return { sql: [a.sql, b.sql].filter((sql) => sql !== '').join(' and '), params: [...a.params, ...b.params] };
}

/** `where …`, or nothing for an empty condition: SQLite counts a whole table from its smallest index only without a WHERE. */
export function whereSql(condition: SqlCondition): string {
  return condition.sql === '' ? '' : `where ${condition.sql}`;
}

class ConditionBuilder {
  private readonly terms: string[] = [];
  private readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): void {
    this.terms.push(sql);
    this.params.push(...params);
  }

  /** `column = value`, unless the value is absent or null (no filter). */
  equal(column: string, value: string | boolean | null | undefined): void {
    if (value != null) this.add(`"${column}" = ?`, value);
  }

  /** `column in (…)`; an empty list matches nothing. */
  anyOf(column: string, values: readonly string[] | null | undefined): void {
    if (values == null) return;
    if (values.length === 0) this.add('1 = 0');
    else this.add(`"${column}" in (${placeholders(values.length)})`, ...values);
  }

  build(): SqlCondition {
    return { sql: this.terms.join(' and '), params: this.params };
  }
}

/** Same fixed-width UTC form the projection stores, so the comparison is a time comparison. */
function utcIso(value: string | Date, argument: string): string {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidQueryInputError(`${argument} is not a date-time`, argument);
  return new Date(time).toISOString();
}
