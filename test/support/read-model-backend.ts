import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MikroORM } from '@mikro-orm/core';
import type { Config } from '../../infra/config';
import { MIGRATIONS_TABLE } from '../../infra/database/postgres-read-models';
import { openReadModels, type ReadModelsInstrumentation } from '../../infra/database/read-models';
import { createTestDatabase, dropTestDatabase, executeOn, recreateTestDatabase } from './postgres-databases';

/**
 * Which read-model database the tests run against: `READ_MODEL_DB`, set by the jest project
 * (`sqlite`, the default, or `postgresql`, whose global setup starts a throwaway server). Test apps
 * and projection tests ask this module for their database instead of naming a SQLite file.
 */
export type ReadModelBackend = 'sqlite' | 'postgresql';

/** The backend of this test run. */
export const readModelBackend: ReadModelBackend = process.env.READ_MODEL_DB === 'postgresql' ? 'postgresql' : 'sqlite';

/** PostgreSQL databases made in this test file, by the key they were asked for (a data dir, or a dir and name). */
const databases = new Map<string, Promise<string>>();

function databaseFor(key: string): Promise<string> {
  let url = databases.get(key);
  if (url === undefined) {
    url = createTestDatabase();
    databases.set(key, url);
  }
  return url;
}

/**
 * The settings a test app passes to `loadConfig` for the backend: nothing for SQLite (the file in
 * `dataDir`), a fresh PostgreSQL database per data directory otherwise (the same one when an app is
 * started again on the same `dataDir`).
 */
export async function readModelEnv(dataDir: string): Promise<Record<string, string>> {
  if (readModelBackend === 'sqlite') return {};
  return { READ_MODEL_DB: 'postgresql', DATABASE_URL: await databaseFor(dataDir) };
}

/**
 * Fails loudly when a started test app does not use the backend, rather than testing SQLite twice:
 * the configuration must name it, and on PostgreSQL the app must have migrated its database.
 */
export async function assertReadModelBackend(config: Config): Promise<void> {
  if (config.readModelDb !== readModelBackend) {
    throw new Error(`the test asked for ${readModelBackend} read models, but loadConfig chose ${config.readModelDb}`);
  }
  if (readModelBackend === 'sqlite') return;
  const tables = await executeOn(await databaseFor(config.dataDir), `select 1 from pg_tables where tablename = '${MIGRATIONS_TABLE}'`);
  if (tables.length === 0) throw new Error('the test app started without migrating its PostgreSQL read models: does it open them?');
}

/**
 * Opens read models called `name` in `dir` on the backend: a SQLite file there, or a PostgreSQL
 * database of its own. Opening the same `dir` and `name` again opens the same database.
 */
export async function openTestReadModels(dir: string, name: string, instrumentation: ReadModelsInstrumentation = {}): Promise<MikroORM> {
  if (readModelBackend === 'sqlite') return openReadModels({ path: join(dir, `${name}.db`), ...instrumentation });
  return openReadModels({ kind: 'postgresql', url: await databaseFor(join(dir, name)), ...instrumentation });
}

/** Deletes a stopped test app's read models, as an operator deletes the SQLite file: it starts with none. */
export async function discardReadModels(config: Config): Promise<void> {
  if (readModelBackend === 'postgresql') return recreateTestDatabase(await databaseFor(config.dataDir));
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.readModelPath}${suffix}`, { force: true });
}

/** Runs `sql` directly on a test app's read-model database (behind the app's back, to break things). */
export async function executeOnReadModels(config: Config, sql: string): Promise<void> {
  if (readModelBackend === 'postgresql') {
    await executeOn(await databaseFor(config.dataDir), sql);
    return;
  }
  const db = new Database(config.readModelPath);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Drops a test app's PostgreSQL database once its data directory is removed (nothing to do for SQLite). */
export async function removeReadModels(dataDir: string): Promise<void> {
  const url = databases.get(dataDir);
  if (url === undefined) return;
  databases.delete(dataDir);
  await dropTestDatabase(await url);
}
