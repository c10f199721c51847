import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { placeholders } from '../../projections/row-sql';

/** Runs `sql` (with `?` placeholders) in `em`'s transaction, through MikroORM's connection (so it is logged). */
export function execute<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const connection = (em as SqlEntityManager).getConnection();
  return connection.execute(sql, [...params], 'all', em.getTransactionContext()) as Promise<T[]>;
}

/** `name` quoted as an identifier for `em`'s database. */
export function quote(em: EntityManager, name: string): string {
  return em.getPlatform().quoteIdentifier(name);
}

/** Runs a statement that returns no rows (DDL, writes) in `em`'s transaction. */
export async function run(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<void> {
  const connection = (em as SqlEntityManager).getConnection();
  await connection.execute(sql, [...params], 'run', em.getTransactionContext());
}

/**
 * A write to the rebuild's own checkpoint rows that changes nothing, as a transaction's first
 * statement: on SQLite it takes the write lock at once (waiting for the runner's batch if need be),
 * where a transaction that reads first fails with SQLITE_BUSY once another connection has committed.
 */
export async function takeWriteLock(em: EntityManager, checkpoints: readonly string[]): Promise<void> {
  await run(em, `update projection_checkpoint set version = version where name in (${placeholders(checkpoints.length)})`, checkpoints);
}
