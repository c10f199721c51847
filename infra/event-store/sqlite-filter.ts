import type Database from 'better-sqlite3';
import type { SubscriptionFilter } from '../../services/event-store';
import { EVENT_COLUMNS, type EventRow } from './sqlite-rows';

/**
 * Reads the matching events with positions in (after, upTo], in order, at most `limit`.
 * The upper bound lets the caller advance past a stretch with no matches without re-scanning it.
 */
export type FilteredBatchReader = (after: bigint, upTo: bigint, limit: number) => EventRow[];

/**
 * Prepares one statement for a subscription's filter. An absent or empty list does not restrict.
 * Prefixes are compared with `instr(...) = 1`, which is case-sensitive and has no wildcards
 * (unlike LIKE, which ignores ASCII case and treats `_` and `%` specially).
 */
export function prepareFilteredBatchReader(db: Database.Database, filter: SubscriptionFilter = {}): FilteredBatchReader {
  const conditions = ['position > ?', 'position <= ?'];
  const filterParams: string[] = [];
  const prefixes = filter.streamPrefixes ?? [];
  if (prefixes.length > 0) {
    conditions.push(`(${prefixes.map(() => 'instr(stream_id, ?) = 1').join(' OR ')})`);
    filterParams.push(...prefixes);
  }
  const types = filter.eventTypes ?? [];
  if (types.length > 0) {
    conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
    filterParams.push(...types);
  }
  const statement = db.prepare<unknown[], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
  );
  return (after, upTo, limit) => statement.all(after, upTo, ...filterParams, limit);
}
