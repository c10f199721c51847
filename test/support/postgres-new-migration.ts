/**
 * Writes the next read-model migration: the SQL that takes a PostgreSQL database migrated with the
 * committed migrations to the schema the entities describe. Run from the project root:
 *   npm run build && node dist/test/support/postgres-new-migration.js [name]
 * It starts a throwaway PostgreSQL (or uses RECOURSE_TEST_POSTGRES_URL), migrates a fresh database,
 * diffs it against the entities and writes infra/database/migrations/Migration<timestamp>[_name].ts.
 * Add the new class to infra/database/migrations/index.ts (a test fails until you do).
 */
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ReadModelMigrationGenerator } from '../../infra/database/migration-generator';
import { postgresReadModelsConfig } from '../../infra/database/postgres-read-models';
import { startPostgres, type PostgresServer } from './postgres';
import { createTestDatabase, TEST_POSTGRES_URL_VARIABLE } from './postgres-databases';

const MIGRATIONS_DIR = path.resolve('infra', 'database', 'migrations');

async function main(name: string | undefined): Promise<void> {
  const given = process.env[TEST_POSTGRES_URL_VARIABLE];
  const server: PostgresServer | null = given ? null : await startPostgres();
  try {
    const url = await createTestDatabase(given ?? server!.url);
    const config = postgresReadModelsConfig({ kind: 'postgresql', url });
    const orm = await MikroORM.init({
      ...config,
      migrations: { ...config.migrations, generator: ReadModelMigrationGenerator, emit: 'ts' },
    });
    try {
      await orm.migrator.up();
      const created = await orm.migrator.createMigration(MIGRATIONS_DIR, false, false, name);
      if (created.fileName === '') {
        console.log('The committed migrations already give the schema the entities describe: nothing to write.');
      } else {
        console.log(`Wrote ${path.join(MIGRATIONS_DIR, created.fileName)}. Add it to ${path.join(MIGRATIONS_DIR, 'index.ts')}.`);
      }
    } finally {
      await orm.close();
    }
  } finally {
    await server?.stop();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
