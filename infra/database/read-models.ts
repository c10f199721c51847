import { MikroORM as BetterSqliteORM, defineConfig, type Options } from '@mikro-orm/better-sqlite';
import type { MikroORM } from '@mikro-orm/core';
import { readModelEntities } from '../../projections';
import type { StatementCounter } from './statement-counter';

/** Where and how to open the read-model database. */
export interface ReadModelsOptions {
  /** SQLite file of the read models (not the event store's file); created with its tables if missing. */
  path: string;
  /** Log every SQL statement (MikroORM's debug). Default false. */
  debug?: boolean;
  /** Sees every statement issued: a `createStatementCounter()` in tests, or any tracer with a `loggerFactory`. */
  statementCounter?: Pick<StatementCounter, 'loggerFactory'>;
  /** How long a write waits for another process's lock, ms. Default 5,000. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * MikroORM's configuration of the read models. Only the driver-specific part is SQLite's; a
 * PostgreSQL variant swaps `defineConfig`'s driver and connection (migrations come with it).
 */
export function readModelsConfig(options: ReadModelsOptions): Options {
  return defineConfig({
    dbName: options.path,
    entities: [...readModelEntities],
    // Every unit of work names its own fork: a shared global identity map would leak rows between requests.
    allowGlobalContext: false,
    debug: options.debug ?? false,
    loggerFactory: options.statementCounter?.loggerFactory,
    pool: { afterCreate: sqlitePragmas(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS) },
  });
}

/**
 * Opens the read-model database, creating or updating its tables. SQLite now; the schema comes from
 * the entities (`updateSchema`), PostgreSQL will use migrations instead.
 */
export async function openReadModels(options: ReadModelsOptions): Promise<MikroORM> {
  const orm = await BetterSqliteORM.init(readModelsConfig(options));
  await orm.schema.updateSchema();
  return orm;
}

interface PragmaConnection {
  pragma(source: string): unknown;
}

/**
 * WAL lets the API read while the projector writes (also from another process); NORMAL sync is
 * durable against a crashed process, which is what the checkpoint-in-the-transaction relies on.
 */
function sqlitePragmas(busyTimeoutMs: number) {
  return (connection: PragmaConnection, done: (error: Error | null, connection: PragmaConnection) => void): void => {
    try {
      connection.pragma('journal_mode = WAL');
      connection.pragma('synchronous = NORMAL');
      connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
      done(null, connection);
    } catch (error) {
      done(error as Error, connection);
    }
  };
}
