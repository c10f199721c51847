import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager, Knex } from '@mikro-orm/knex';
import { readObjects, sqliteValues, statement, type Prepared, type SqliteHandle } from './sqlite-statements';

/**
 * Runs hand-written SQL (`?` placeholders, the same text on SQLite and PostgreSQL) in `em`'s
 * transaction, or outside one: the projector's row store, checkpoints and lease, and the queries
 * every API request makes (`read-sql.ts`).
 */
export interface RowSql {
  all(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  run(em: EntityManager, sql: string, params: readonly unknown[]): Promise<void>;
  /**
   * Runs `work` in one write transaction and commits it, or rolls it back when `work` throws. The
   * `em` handed to `work` runs this module's statements in that transaction; `work` must use this
   * module for its SQL (on SQLite the transaction holds the pool's one connection, so an ORM query
   * of its own would wait for it).
   */
  transaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T>;
}

const sqlOfDriver = new WeakMap<object, RowSql>();

/** The way to run statements on `em`'s database. */
export function rowSqlOf(em: EntityManager): RowSql {
  const driver = em.getDriver();
  let sql = sqlOfDriver.get(driver);
  if (!sql) sqlOfDriver.set(driver, (sql = /sqlite/i.test(driver.constructor.name) ? sqliteRowSql : mikroOrmRowSql));
  return sql;
}

/**
 * Any database: through MikroORM's connection, which inlines the values into the SQL text (as it
 * does for its own statements) and logs it. On PostgreSQL the round trip costs more than that.
 */
const mikroOrmRowSql: RowSql = {
  all: (em, sql, params) => connection(em).execute(sql, [...params], 'all', em.getTransactionContext()),
  run: async (em, sql, params) => {
    await connection(em).execute(sql, [...params], 'run', em.getTransactionContext());
  },
  transaction: (em, work) => em.fork().transactional(work),
};

/**
 * SQLite: bound parameters on the transaction's own better-sqlite3 connection, each statement
 * prepared once per connection. Inlining the values would make SQLite parse and plan every
 * 500-row statement anew, which cost more than the writes themselves (see BENCHMARKS.md). Each
 * statement is still reported to MikroORM's logger, so it is logged and counted like the others.
 */
const sqliteRowSql: RowSql = {
  all: (em, sql, params) => onConnection(em, 'read', sql, (prepared) => readObjects(prepared, sqliteValues(params))),
  run: (em, sql, params) =>
    onConnection(em, 'write', sql, (prepared) => {
      prepared.run(sqliteValues(params));
    }),
  transaction: sqliteTransaction,
};

/** The better-sqlite3 connection of each entity manager that {@link sqliteTransaction} runs a transaction on. */
const directTransactions = new WeakMap<EntityManager, SqliteHandle>();

/** Per entity manager, the fork that carries its transactions (see {@link carrierOf}). */
const carriers = new WeakMap<EntityManager, EntityManager>();

/**
 * The entity manager handed to the work of `em`'s transactions: one fork of `em`, made once. A
 * fork per batch cost ~40 µs, more than some batches' statements; one serves them all because the
 * pool's one connection lets one transaction run at a time, and the work runs only this module's
 * SQL, so the fork's identity map stays empty.
 */
function carrierOf(em: EntityManager): EntityManager {
  let carrier = carriers.get(em);
  if (!carrier) carriers.set(em, (carrier = em.fork()));
  return carrier;
}

/**
 * A write transaction straight on the pool's better-sqlite3 connection, with the same statements
 * prepared once: the projector runs one per batch, and MikroORM's `transactional` (a fork, knex's
 * transaction object, `BEGIN` and `COMMIT` prepared anew each time, a flush of an empty unit of
 * work) cost more than the batch's own statements. `BEGIN IMMEDIATE` takes the write lock at once
 * (waiting up to the busy timeout for another process's), so no read inside can find its snapshot
 * outdated when it comes to write. The connection is held until the end, as knex holds it.
 */
async function sqliteTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const { client } = connection(em).getKnex();
  const handle = (await client.acquireConnection()) as SqliteHandle;
  const within = carrierOf(em);
  try {
    statement(em, handle, 'begin immediate').run([]);
    directTransactions.set(within, handle);
    let result: T;
    try {
      result = await work(within);
    } finally {
      directTransactions.delete(within);
    }
    statement(em, handle, 'commit').run([]);
    return result;
  } catch (error) {
    // A failed COMMIT (or BEGIN) may have left no transaction open: roll back only one that is.
    if (handle.inTransaction) statement(em, handle, 'rollback').run([]);
    throw error;
  } finally {
    await client.releaseConnection(handle);
  }
}

/**
 * Runs `use` with `sql` prepared on the connection of `em`'s transaction (this module's own, or
 * MikroORM's), or outside one on the pool's connection of that `type`, held only for that
 * synchronous call (what knex does for its own statements). Reads outside a transaction take the
 * read replica's connection when one is configured (the SQLite read models have one, on the same
 * file): the write connection is held by the projector's transaction for a whole batch, and a
 * page's reads would queue behind it.
 */
async function onConnection<T>(em: EntityManager, type: 'read' | 'write', sql: string, use: (prepared: Prepared) => T): Promise<T> {
  const direct = directTransactions.get(em);
  if (direct) return use(statement(em, direct, sql));
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) return use(statement(em, (await transaction.client.acquireConnection()) as SqliteHandle, sql));
  const { client } = connection(em, type).getKnex();
  const handle = (await client.acquireConnection()) as SqliteHandle;
  try {
    return use(statement(em, handle, sql));
  } finally {
    await client.releaseConnection(handle);
  }
}

function connection(em: EntityManager, type: 'read' | 'write' = 'write') {
  return (em as SqlEntityManager).getConnection(type);
}

/** `?, ?, ?` for `count` values (an `IN` list or a row of values). */
export function placeholders(count: number): string {
  return count === 0 ? '' : '?' + ', ?'.repeat(count - 1);
}
