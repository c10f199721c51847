import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { withByteOrderCollation } from '../../infra/database/migration-generator';
import { readModelMigrations } from '../../infra/database/migrations';
import { MIGRATIONS_TABLE } from '../../infra/database/postgres-read-models';
import { openReadModels } from '../../infra/database/read-models';
import { readModelEntities } from '../../projections';
import { createTestDatabase, executeOn } from '../support/postgres-databases';

/**
 * The PostgreSQL read-model schema comes only from the committed migrations. These tests make a
 * forgotten migration (an entity changed, no migration written or listed) fail CI.
 * Runs in the jest project "postgresql" only.
 */
const TABLES = readModelEntities.map((entity) => entity.meta.tableName ?? entity.meta.className);
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'infra', 'database', 'migrations');

async function open(url: string): Promise<MikroORM> {
  return openReadModels({ kind: 'postgresql', url });
}

describe('the PostgreSQL read-model migrations', () => {
  let url: string;
  let orm: MikroORM;
  beforeAll(async () => {
    url = await createTestDatabase();
    orm = await open(url);
  });
  afterAll(() => orm.close());

  it('give exactly the schema the entities describe, so nothing is left for a schema sync to do', async () => {
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
    const tables = (await executeOn(url, "select tablename from pg_tables where schemaname = 'public'")) as { tablename: string }[];
    expect(tables.map((row) => row.tablename).sort()).toEqual([...TABLES, MIGRATIONS_TABLE].sort());
  });

  it('give every character column byte-order collation ("C"), whatever the database default is', async () => {
    const [defaultOrder] = (await executeOn(url, "select 'B' < 'a' as bytewise")) as { bytewise: boolean }[];
    expect(defaultOrder.bytewise).toBe(false); // the test server's en-US default: the collation below matters
    const columns = (await executeOn(
      url,
      `select table_name, column_name, collation_name from information_schema.columns
       where table_schema = 'public' and data_type in ('character varying', 'text', 'character')
       and table_name in (${TABLES.map((table) => `'${table}'`).join(', ')})`,
    )) as { table_name: string; column_name: string; collation_name: string | null }[];
    expect(columns.length).toBeGreaterThan(20);
    expect(columns.filter((column) => column.collation_name !== 'C')).toEqual([]);
  });

  it('are all listed, oldest first, in the index the database opens them from', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((file) => /^Migration\d{14}.*\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(readModelMigrations.map((migration) => migration.name)).toEqual(files);
    for (const migration of readModelMigrations) expect(migration.class.name).toBe(migration.name);
  });

  it('run once, also when several processes open a new database at the same moment', async () => {
    const fresh = await createTestDatabase();
    const orms = await Promise.all([open(fresh), open(fresh), open(fresh)]);
    await Promise.all(orms.map((opened) => opened.close()));
    const applied = (await executeOn(fresh, `select name from ${MIGRATIONS_TABLE} order by id`)) as { name: string }[];
    expect(applied.map((row) => row.name)).toEqual(readModelMigrations.map((migration) => migration.name));
    const reopened = await open(fresh);
    expect(await reopened.migrator.getPendingMigrations()).toEqual([]);
    await reopened.close();
  });
});

describe('the collation the migration generator adds', () => {
  it('collates character columns of new tables, added columns and changed types, and nothing else', () => {
    expect(withByteOrderCollation('create table "t" ("id" varchar(36) not null, "note" text null, "n" int not null, "last" text);'))
      .toBe('create table "t" ("id" varchar(36) collate "C" not null, "note" text collate "C" null, "n" int not null, "last" text collate "C");');
    expect(withByteOrderCollation('alter table "t" add column "holder" varchar(200) not null;'))
      .toBe('alter table "t" add column "holder" varchar(200) collate "C" not null;');
    expect(withByteOrderCollation('alter table "t" alter column "id" type varchar(64) using ("id"::varchar(64));'))
      .toBe('alter table "t" alter column "id" type varchar(64) collate "C" using ("id"::varchar(64));');
    expect(withByteOrderCollation('create index "t_text" on "t" ("text");')).toBe('create index "t_text" on "t" ("text");');
  });
});
