import type { EntityManager } from '@mikro-orm/core';

/**
 * SQLite statements for `row-sql.ts`: each SQL text prepared once per better-sqlite3 connection
 * (least recently used out past a budget), values bound as SQLite stores them, rows read as objects.
 */

/** The better-sqlite3 handle under knex (only the part used here). */
export interface SqliteHandle {
  prepare(sql: string): Prepared;
  readonly inTransaction: boolean;
}

/** A better-sqlite3 statement (only the part used here). */
export interface Prepared {
  all(params: unknown[]): unknown[];
  run(params: unknown[]): unknown;
  /** Rows as arrays of values from now on. */
  raw(toggle: true): Prepared;
  columns(): { name: string }[];
}

/**
 * How much SQL text stays prepared per connection, least recently used first out. A prepared
 * 500-row upsert holds about 1 MB, and each batch's last chunk has a size of its own: without a
 * bound, hundreds of them would stay.
 */
const PREPARED_SQL_BUDGET = 400_000;

/** Per connection: prepared statements by SQL text, in order of use, and the length of that text. */
interface StatementCache {
  statements: Map<string, Prepared>;
  sqlLength: number;
}

const statementCaches = new WeakMap<SqliteHandle, StatementCache>();

/** `sql` prepared on `handle` (once per connection while it stays among the most recently used). */
export function statement(em: EntityManager, handle: SqliteHandle, sql: string): Prepared {
  let cache = statementCaches.get(handle);
  if (!cache) statementCaches.set(handle, (cache = { statements: new Map(), sqlLength: 0 }));
  let found = cache.statements.get(sql);
  if (found) {
    cache.statements.delete(sql); // re-inserted below: the Map's order is the order of use
  } else {
    found = handle.prepare(sql);
    cache.sqlLength += sql.length;
  }
  cache.statements.set(sql, found);
  for (const oldest of cache.statements.keys()) {
    if (cache.sqlLength <= PREPARED_SQL_BUDGET) break;
    cache.statements.delete(oldest);
    cache.sqlLength -= oldest.length;
  }
  em.config.getLogger().logQuery({ query: sql, level: 'info' });
  return found;
}

/** Each statement's column names, once it is read in raw mode by {@link readObjects}. */
const columnNames = new WeakMap<Prepared, string[]>();

/**
 * The rows as objects, built here from better-sqlite3's raw arrays: the driver sets every property
 * of every row object through V8's API, which cost more than SQLite's own work for a page of 51
 * summaries of 40 columns (0.65 → 0.45 ms; BENCHMARKS.md, "Dashboard"). Same names and values.
 */
export function readObjects(prepared: Prepared, values: unknown[]): Record<string, unknown>[] {
  let names = columnNames.get(prepared);
  if (names === undefined) {
    names = prepared.raw(true).columns().map((column) => column.name);
    columnNames.set(prepared, names);
  }
  const rows = prepared.all(values) as unknown[][];
  const objects = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const object: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) object[names[c]] = row[c];
    objects[r] = object;
  }
  return objects;
}

/**
 * The values as one array (better-sqlite3 binds an array's items in order; spreading thousands of
 * arguments costs more). It binds numbers, strings, bigints, buffers and null: booleans become 1
 * and 0, as SQLite stores them.
 */
export function sqliteValues(params: readonly unknown[]): unknown[] {
  const values = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    values[i] = typeof value === 'boolean' ? Number(value) : value;
  }
  return values;
}
