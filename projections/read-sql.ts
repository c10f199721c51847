import { BigIntType, type EntityManager, type EntitySchema } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager, Knex } from '@mikro-orm/knex';

/**
 * Runs a read-model query written in SQL (`?` placeholders, the same text on every database) and
 * resolves its rows as the database returns them. Queries that answer every API request use it
 * instead of `em.find`: MikroORM's hydration and knex's statement building cost more than the
 * statements themselves (BENCHMARKS.md, "Dashboard"). Every statement is reported to MikroORM's
 * logger, so it is logged and counted like MikroORM's own.
 */
export async function readRows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
  if (!isSqlite(em)) {
    // PostgreSQL: MikroORM's connection, which inlines the values as it does for its own statements.
    const connection = (em as SqlEntityManager).getConnection();
    return connection.execute(sql, [...params], 'all', em.getTransactionContext());
  }
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const client = transaction ? transaction.client : (em as SqlEntityManager).getConnection().getKnex().client;
  const handle = (await client.acquireConnection()) as SqliteHandle;
  try {
    const rows = prepared(handle, sql).all(sqliteValues(params)) as Record<string, unknown>[];
    em.config.getLogger().logQuery({ query: sql, level: 'info' });
    return rows;
  } finally {
    // A transaction's client hands out the transaction's own connection and keeps it.
    if (!transaction) await client.releaseConnection(handle);
  }
}

/** The better-sqlite3 handle under knex (only the part used here). */
interface SqliteHandle {
  prepare(sql: string): { all(params: unknown[]): unknown[] };
}

type Prepared = ReturnType<SqliteHandle['prepare']>;

/**
 * How many statements stay prepared per connection, least recently used first out. The texts
 * differ by filter and by how many ids an `IN` lists (up to a page of 100 or a loader's batch).
 */
const PREPARED_LIMIT = 400;

const preparedByHandle = new WeakMap<SqliteHandle, Map<string, Prepared>>();

/** `sql` prepared once per connection: SQLite then neither parses nor plans it again. */
function prepared(handle: SqliteHandle, sql: string): Prepared {
  let cache = preparedByHandle.get(handle);
  if (!cache) preparedByHandle.set(handle, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql); // re-inserted below: the Map's order is the order of use
  } else {
    statement = handle.prepare(sql);
    if (cache.size >= PREPARED_LIMIT) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null: booleans become 1 and 0, as SQLite stores them. */
function sqliteValues(params: readonly unknown[]): unknown[] {
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}

const sqliteDrivers = new WeakMap<object, boolean>();

function isSqlite(em: EntityManager): boolean {
  const driver = em.getDriver();
  let sqlite = sqliteDrivers.get(driver);
  if (sqlite === undefined) sqliteDrivers.set(driver, (sqlite = /sqlite/i.test(driver.constructor.name)));
  return sqlite;
}

/** `?, ?, ?` for `count` values (an `IN` list). */
export function placeholders(count: number): string {
  return count === 0 ? '' : '?' + ', ?'.repeat(count - 1);
}

/** How a read-model table's rows are read in SQL: its select list and the conversion of a raw row. */
export interface RowShape<Row> {
  /** Every column, named as its property (`"filed_at" as "filedAt"`); bigints as decimal text. */
  columns: string;
  /** A raw row (`readRows`) as the entity's row type: booleans from 1/0, in place. */
  toRow(raw: Record<string, unknown>): Row;
}

/** The shape of `schema`'s rows, from the entity's own property list (so a new column is read too). */
export function rowShapeOf<Row>(schema: EntitySchema<Row>): RowShape<Row> {
  const properties = Object.entries(schema.meta.properties as Record<string, { type: unknown }>).map(([name, { type }]) => ({
    name,
    bigint: type instanceof BigIntType,
    boolean: type === 'boolean',
  }));
  const booleans = properties.filter((property) => property.boolean).map((property) => property.name);
  return {
    columns: selectList(properties),
    toRow(raw) {
      for (const name of booleans) raw[name] = toBoolean(raw[name]);
      return raw as Row;
    },
  };
}

function selectList(properties: readonly { name: string; bigint?: boolean }[]): string {
  return properties
    .map(({ name, bigint }) => {
      const column = `"${columnOf(name)}"`;
      return `${bigint ? `cast(${column} as text)` : column} as "${name}"`;
    })
    .join(', ');
}

/** MikroORM's default naming (UnderscoreNamingStrategy): `filedAt` → `filed_at`. */
export function columnOf(property: string): string {
  return property.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** SQLite answers booleans as 1 and 0, PostgreSQL as booleans: both become booleans. */
function toBoolean(value: unknown): boolean {
  return value === true || value === 1;
}
