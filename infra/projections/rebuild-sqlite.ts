import type { EntityManager } from '@mikro-orm/core';
import type { RebuildDialect } from './rebuild-dialect';
import { execute, quote, run, takeWriteLock } from './rebuild-sql';

/** The table name at the start of a `CREATE TABLE` statement, however it is quoted. */
const CREATED_TABLE = /^CREATE TABLE\s+(?:IF NOT EXISTS\s+)?(?:`[^`]*`|"[^"]*"|\[[^\]]*\]|[^\s(]+)/i;

/**
 * SQLite: definitions come from `sqlite_master`, the switch takes the write lock with its first
 * statement (a transaction that reads first could not upgrade once the runner committed), and the
 * indexes are created under their real names inside the switch: SQLite cannot rename an index, and
 * the old table holds the names until it is dropped. Readers never wait (WAL: they read the last
 * commit); the live runner waits for the switch, index builds included.
 */
export const sqliteRebuildDialect: RebuildDialect = {
  name: 'sqlite',

  async tableExists(em, table) {
    const rows = await execute(em, "select name from sqlite_master where type = 'table' and name = ?", [table]);
    return rows.length > 0;
  },

  async createTableLike(em, liveTable, newTable) {
    const [definition] = await execute<{ sql: string }>(em, "select sql from sqlite_master where type = 'table' and name = ?", [liveTable]);
    if (!definition) throw new Error(`table ${liveTable} does not exist`);
    if (!CREATED_TABLE.test(definition.sql)) throw new Error(`unexpected definition of ${liveTable}: ${definition.sql}`);
    await run(em, definition.sql.replace(CREATED_TABLE, `CREATE TABLE ${quote(em, newTable)}`));
  },

  async dropTable(em, table) {
    await run(em, `drop table if exists ${quote(em, table)}`);
  },

  async prepareSwitch() {
    // Nothing: the indexes are made in the switch (see above).
  },

  async lockForSwitch(em, _liveTables, checkpoints) {
    await takeWriteLock(em, checkpoints);
  },

  async swap(em, liveTable, newTable) {
    const indexes = await liveIndexes(em, liveTable);
    const old = `${liveTable}__old`;
    await run(em, `alter table ${quote(em, liveTable)} rename to ${quote(em, old)}`);
    await run(em, `alter table ${quote(em, newTable)} rename to ${quote(em, liveTable)}`);
    await run(em, `drop table ${quote(em, old)}`);
    // Their SQL names the live table, which is now the new one.
    for (const sql of indexes) await run(em, sql);
  },
};

/** The `CREATE INDEX` statements of `table`'s own indexes (not the implicit primary-key one, which has none). */
async function liveIndexes(em: EntityManager, table: string): Promise<string[]> {
  const rows = await execute<{ sql: string }>(
    em,
    "select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null order by name",
    [table],
  );
  return rows.map(({ sql }) => sql);
}
