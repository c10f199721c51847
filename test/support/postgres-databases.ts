import { randomBytes } from 'node:crypto';
import { knex, type Knex } from '@mikro-orm/postgresql';

/**
 * Databases on the tests' PostgreSQL server: one fresh database per test app or read-model ORM,
 * so test files running side by side never see each other's rows.
 */

/** Where the jest global setup publishes the server (workers inherit the environment). */
export const TEST_POSTGRES_URL_VARIABLE = 'RECOURSE_TEST_POSTGRES_URL';

/** The test server's URL (no database), or a clear error when no global setup provided one. */
export function testPostgresUrl(): string {
  const url = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${TEST_POSTGRES_URL_VARIABLE} is not set: PostgreSQL read-model tests run in the jest project "postgresql", ` +
        'whose global setup starts a server (`npx jest --selectProjects postgresql`).',
    );
  }
  return url;
}

/** `serverUrl` with `database` as its path. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty database with a random name; resolves its URL. */
export async function createTestDatabase(serverUrl = testPostgresUrl()): Promise<string> {
  const name = `recourse_${randomBytes(6).toString('hex')}`;
  await withConnection(databaseUrl(serverUrl, 'postgres'), (db) => db.raw(`create database "${name}"`));
  return databaseUrl(serverUrl, name);
}

/** Drops the database of `url`, closing its other connections first. */
export async function dropTestDatabase(url: string): Promise<void> {
  await withConnection(databaseUrl(url, 'postgres'), (db) => db.raw(`drop database if exists "${nameOf(url)}" with (force)`));
}

/** Drops the database of `url` and creates it again, empty. */
export async function recreateTestDatabase(url: string): Promise<void> {
  await dropTestDatabase(url);
  await withConnection(databaseUrl(url, 'postgres'), (db) => db.raw(`create database "${nameOf(url)}"`));
}

function nameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Runs `sql` on the database of `url`; resolves the rows it returns. */
export async function executeOn(url: string, sql: string): Promise<unknown[]> {
  return withConnection(url, async (db) => ((await db.raw(sql)) as { rows: unknown[] }).rows);
}

async function withConnection<T>(url: string, work: (db: Knex) => Promise<T>): Promise<T> {
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
