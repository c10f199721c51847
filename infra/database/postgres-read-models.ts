import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { readModelEntities } from '../../projections';
import { readModelMigrations } from './migrations';
import type { PostgresReadModelsOptions } from './read-models';

/** The table in which MikroORM records the migrations applied to the read-model database. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/**
 * MikroORM's configuration of PostgreSQL read models. The migrations are listed as classes
 * (`migrationsList`), so they run the same from TypeScript sources and from the compiled dist/.
 */
export function postgresReadModelsConfig(options: PostgresReadModelsOptions): Options {
  return defineConfig({
    clientUrl: options.url,
    // MikroORM reads host, port, user, password and database from the URL; handing pg the whole
    // string as well keeps the rest of libpq's syntax (sslmode, options, …) working.
    driverOptions: { connection: { connectionString: options.url } },
    entities: [...readModelEntities],
    // Every unit of work names its own fork: a shared global identity map would leak rows between requests.
    allowGlobalContext: false,
    debug: options.debug ?? false,
    loggerFactory: options.statementCounter?.loggerFactory,
    extensions: [Migrator],
    migrations: {
      migrationsList: [...readModelMigrations],
      tableName: MIGRATIONS_TABLE,
      transactional: true,
      // A failed migration leaves the schema as the previous release had it.
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
}

/** Advisory-lock key that serialises migrations across processes ("recourse" in ASCII). */
const MIGRATION_LOCK_KEY = '8243113893085213541';

/**
 * Opens the PostgreSQL read models and applies the pending migrations (only those: the schema is
 * never synchronised from the entities here).
 */
export async function openPostgresReadModels(options: PostgresReadModelsOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(postgresReadModelsConfig(options));
  try {
    await migrateUnderLock(orm);
  } catch (error) {
    await orm.close();
    throw error;
  }
  return orm;
}

/**
 * API instances and the projector may start at the same moment on one database. One connection
 * holds an advisory lock while the migrator works on others (it creates its own table before its
 * transaction starts), so the second process finds the migrations applied instead of racing them.
 */
async function migrateUnderLock(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().getKnex().transaction(async (locked) => {
    await locked.raw('select pg_advisory_xact_lock(?::bigint)', [MIGRATION_LOCK_KEY]);
    await orm.migrator.up();
  });
}
