import type { MikroORM } from '@mikro-orm/core';
import { openPostgresReadModels } from './postgres-read-models';
import { openSqliteReadModels } from './sqlite-read-models';
import type { StatementCounter } from './statement-counter';

/** What every read-model database accepts besides where it is. */
export interface ReadModelsInstrumentation {
  /** Log every SQL statement (MikroORM's debug). Default false. */
  debug?: boolean;
  /** Sees every statement issued: a `createStatementCounter()` in tests, or any tracer with a `loggerFactory`. */
  statementCounter?: Pick<StatementCounter, 'loggerFactory'>;
}

/** The embedded default: one SQLite file, its tables made from the entities (it is disposable). */
export interface SqliteReadModelsOptions extends ReadModelsInstrumentation {
  /** Optional for callers written before PostgreSQL existed. */
  kind?: 'sqlite';
  /** SQLite file of the read models (not the event store's file); created with its tables if missing. */
  path: string;
  /** How long a write waits for another process's lock, ms. Default 5,000. */
  busyTimeoutMs?: number;
}

/** Production: a PostgreSQL database whose schema comes only from the committed migrations. */
export interface PostgresReadModelsOptions extends ReadModelsInstrumentation {
  kind: 'postgresql';
  /** `postgresql://user:password@host:port/database`, libpq style (`?sslmode=…` is honoured). */
  url: string;
}

/** Where and how to open the read-model database. */
export type ReadModelsOptions = SqliteReadModelsOptions | PostgresReadModelsOptions;

/**
 * Opens the read-model database and brings its schema up to date: SQLite from the entities
 * (`updateSchema`), PostgreSQL by running the pending migrations of `infra/database/migrations`
 * (never an automatic sync). Close it with `orm.close()`.
 */
export async function openReadModels(options: ReadModelsOptions): Promise<MikroORM> {
  return options.kind === 'postgresql' ? openPostgresReadModels(options) : openSqliteReadModels(options);
}

/** The settings that choose the read-model database (the `Config` fields of the same names). */
export interface ReadModelSettings {
  /** `READ_MODEL_DB`. */
  readModelDb: 'sqlite' | 'postgresql';
  /** `READ_MODEL_PATH`: the SQLite file. */
  readModelPath: string;
  /** `DATABASE_URL`: required for PostgreSQL. */
  databaseUrl?: string | null;
}

/** The `openReadModels` options the settings name. Throws if PostgreSQL is chosen without a URL. */
export function readModelsTarget(settings: ReadModelSettings): ReadModelsOptions {
  if (settings.readModelDb === 'sqlite') return { kind: 'sqlite', path: settings.readModelPath };
  if (!settings.databaseUrl) throw new Error('READ_MODEL_DB=postgresql needs DATABASE_URL');
  return { kind: 'postgresql', url: settings.databaseUrl };
}
