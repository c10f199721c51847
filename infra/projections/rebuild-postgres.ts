import type { EntityManager } from '@mikro-orm/core';
import type { RebuildDialect } from './rebuild-dialect';
import { placeholders } from '../../projections/row-sql';
import { execute, quote, run } from './rebuild-sql';

/** How long the switch waits for the live runner's batch or a query before giving up (and retrying). */
const SWITCH_LOCK_TIMEOUT = '10s';
/** PostgreSQL truncates longer identifiers, which would break the renames. */
const MAX_IDENTIFIER = 63;
/** `pg_get_indexdef`'s prefix: `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING `. */
const INDEX_PREFIX = /^CREATE (UNIQUE )?INDEX .+? ON (?:ONLY )?\S+ USING /;

interface IndexRow {
  name: string;
  definition: string;
}

/**
 * PostgreSQL: the new table is `LIKE` the live one (columns, collations, defaults, checks) with the
 * live primary key's definition; its other indexes are built before the switch under
 * `<name>__rebuild` and renamed in it (a catalog change). The switch locks the live tables (ACCESS
 * EXCLUSIVE, in the runner's order, so it cannot deadlock with a batch) and the checkpoint rows:
 * a runner batch in progress finishes first, the next one waits and then finds the new table under
 * the old name. Queries wait for those few milliseconds too.
 */
export const postgresRebuildDialect: RebuildDialect = {
  name: 'postgresql',

  async tableExists(em, table) {
    const sql = 'select 1 from information_schema.tables where table_schema = current_schema() and table_name = ?';
    return (await execute(em, sql, [table])).length > 0;
  },

  async createTableLike(em, liveTable, newTable) {
    const primary = await primaryKeyOf(em, liveTable);
    await run(em, `create table ${quote(em, newTable)} (like ${quote(em, liveTable)} including all excluding indexes)`);
    const name = identifier(`${newTable}_pkey`);
    await run(em, `alter table ${quote(em, newTable)} add constraint ${quote(em, name)} ${primary.definition}`);
  },

  async dropTable(em, table) {
    await run(em, `drop table if exists ${quote(em, table)}`);
  },

  async prepareSwitch(em, liveTable, newTable) {
    for (const index of await secondaryIndexesOf(em, liveTable)) {
      if (!INDEX_PREFIX.test(index.definition)) throw new Error(`unexpected index definition: ${index.definition}`);
      const [, unique = ''] = INDEX_PREFIX.exec(index.definition)!;
      const name = identifier(`${index.name}__rebuild`);
      const head = `CREATE ${unique}INDEX IF NOT EXISTS ${quote(em, name)} ON ${quote(em, newTable)} USING `;
      await run(em, index.definition.replace(INDEX_PREFIX, head));
    }
  },

  async lockForSwitch(em, liveTables, checkpoints) {
    await run(em, `set local lock_timeout = '${SWITCH_LOCK_TIMEOUT}'`);
    await run(em, `lock table ${liveTables.map((table) => quote(em, table)).join(', ')} in access exclusive mode`);
    await execute(em, `select name from projection_checkpoint where name in (${placeholders(checkpoints.length)}) for update`, checkpoints);
  },

  async swap(em, liveTable, newTable) {
    const primary = await primaryKeyOf(em, liveTable);
    const indexes = await secondaryIndexesOf(em, liveTable);
    const old = `${liveTable}__old`;
    await run(em, `alter table ${quote(em, liveTable)} rename to ${quote(em, old)}`);
    await run(em, `alter table ${quote(em, newTable)} rename to ${quote(em, liveTable)}`);
    await run(em, `drop table ${quote(em, old)}`);
    const newPrimary = quote(em, identifier(`${newTable}_pkey`));
    await run(em, `alter table ${quote(em, liveTable)} rename constraint ${newPrimary} to ${quote(em, primary.name)}`);
    for (const { name } of indexes) {
      await run(em, `alter index ${quote(em, identifier(`${name}__rebuild`))} rename to ${quote(em, name)}`);
    }
  },
};

async function primaryKeyOf(em: EntityManager, table: string): Promise<IndexRow> {
  const [primary] = await execute<IndexRow>(
    em,
    `select c.conname as name, pg_get_constraintdef(c.oid) as definition
       from pg_constraint c join pg_class t on t.oid = c.conrelid
      where t.relnamespace = current_schema()::regnamespace and t.relname = ? and c.contype = 'p'`,
    [table],
  );
  if (!primary) throw new Error(`table ${table} has no primary key (or does not exist)`);
  return primary;
}

/** The indexes of `table` other than its primary key's, with their `CREATE INDEX` statements. */
function secondaryIndexesOf(em: EntityManager, table: string): Promise<IndexRow[]> {
  return execute<IndexRow>(
    em,
    `select i.relname as name, pg_get_indexdef(i.oid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relnamespace = current_schema()::regnamespace and t.relname = ? and not x.indisprimary
      order by i.relname`,
    [table],
  );
}

function identifier(name: string): string {
  if (Buffer.byteLength(name) > MAX_IDENTIFIER) throw new Error(`identifier too long for PostgreSQL: ${name}`);
  return name;
}
