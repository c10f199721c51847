import type { EntityManager } from '@mikro-orm/core';
import { postgresRebuildDialect } from './rebuild-postgres';
import { sqliteRebuildDialect } from './rebuild-sqlite';

/**
 * The SQL a rebuild needs that differs between SQLite and PostgreSQL: copying a table's definition,
 * serialising the switch with the live runner, and renaming tables and indexes. Every method runs
 * in `em`'s transaction when it has one.
 */
export interface RebuildDialect {
  readonly name: 'sqlite' | 'postgresql';
  tableExists(em: EntityManager, table: string): Promise<boolean>;
  /**
   * Creates `newTable` with `liveTable`'s columns (types, nullability, collations) and primary key,
   * as the database has them now, but none of its other indexes: rows load faster without them.
   */
  createTableLike(em: EntityManager, liveTable: string, newTable: string): Promise<void>;
  dropTable(em: EntityManager, table: string): Promise<void>;
  /** After the load, outside the switch: anything that can be built on `newTable` beforehand (its indexes). */
  prepareSwitch(em: EntityManager, liveTable: string, newTable: string): Promise<void>;
  /**
   * The switch's first statements: wait for the live runner's batch in progress and keep the next
   * one out until the switch commits. `liveTables` in the runner's order; `checkpoints`: the live
   * and rebuild checkpoint names involved.
   */
  lockForSwitch(em: EntityManager, liveTables: readonly string[], checkpoints: readonly string[]): Promise<void>;
  /**
   * Inside the switch: `liveTable` → `<liveTable>__old`, `newTable` → `liveTable`, drop the old one,
   * and give the new table's indexes the names the old one's had.
   */
  swap(em: EntityManager, liveTable: string, newTable: string): Promise<void>;
}

/** The dialect of `em`'s database. */
export function rebuildDialectOf(em: EntityManager): RebuildDialect {
  const driver = em.getDriver().constructor.name;
  if (/sqlite/i.test(driver)) return sqliteRebuildDialect;
  if (/postgre/i.test(driver)) return postgresRebuildDialect;
  throw new Error(`rebuilding read models is not supported on ${driver}`);
}
