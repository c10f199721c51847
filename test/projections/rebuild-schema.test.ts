import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { rebuildProjections } from '../../infra/projections/rebuild';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections } from '../../projections';
import { tempDirs } from '../support/projection-db';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels, readModelBackend } from '../support/read-model-backend';

const dirs = tempDirs('recourse-rebuild-schema-');
afterAll(() => dirs.cleanup());

const TABLES = allProjections.map(({ entity }) => entity.meta.tableName as string);

/** What the database says `table` is: columns (types, nullability, collation), indexes by name, primary key. */
async function definitionOf(orm: MikroORM, table: string): Promise<unknown> {
  const connection = orm.em.fork().getConnection();
  if (readModelBackend === 'sqlite') {
    return {
      columns: await connection.execute(`select name, type, "notnull", dflt_value, pk from pragma_table_info('${table}') order by cid`),
      indexes: await connection.execute(
        `select l.name, l."unique", l.origin, i.seqno, i.name as col from pragma_index_list('${table}') l
           join pragma_index_info(l.name) i order by l.origin, l.name, i.seqno`,
      ),
    };
  }
  return {
    columns: await connection.execute(
      `select column_name, data_type, character_maximum_length, is_nullable, collation_name, column_default
         from information_schema.columns where table_schema = current_schema() and table_name = '${table}' order by ordinal_position`,
    ),
    indexes: await connection.execute(`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = '${table}' order by indexname`),
    constraints: await connection.execute(
      `select conname, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = '${table}'::regclass order by conname`,
    ),
  };
}

describe(`the tables a rebuild switches to (${readModelBackend})`, () => {
  it('have the definition the live tables had: columns, collations, indexes and their names, primary key', async () => {
    const dir = dirs.make();
    const store = openSqliteEventStore({ path: join(dir, 'events.db') });
    const orm = await openTestReadModels(dir, 'read');
    try {
      await appendSteps(store, scenarioSteps(12, { seed: 61 }));
      await new ProjectionRunner({ store, orm, projections: allProjections }).catchUp();
      const before = await Promise.all(TABLES.map((table) => definitionOf(orm, table)));
      expect(JSON.stringify(before)).toMatch(/claim_summary_status/);

      await rebuildProjections({ store, orm, projections: allProjections, batchSize: 7 });

      expect(await Promise.all(TABLES.map((table) => definitionOf(orm, table)))).toEqual(before);
    } finally {
      await orm.close();
      await store.close();
    }
  });
});
