import { startPostgres, type PostgresServer } from './postgres';
import { TEST_POSTGRES_URL_VARIABLE } from './postgres-databases';

/** Where the server waits for the teardown (jest runs both in the same process, sharing globals). */
export const SERVER_GLOBAL = '__recoursePostgresServer';

/**
 * Jest global setup of the "postgresql" project: one throwaway PostgreSQL per jest run, published
 * to the workers through the environment (they inherit it). A server named in
 * RECOURSE_TEST_POSTGRES_URL is used instead, and left running.
 */
export default async function startTestPostgres(): Promise<void> {
  if (process.env[TEST_POSTGRES_URL_VARIABLE]) return;
  const started = Date.now();
  const server = await startPostgres();
  process.env[TEST_POSTGRES_URL_VARIABLE] = server.url;
  (globalThis as Record<string, unknown>)[SERVER_GLOBAL] = server;
  // If jest dies without running the teardown, the server must not outlive it.
  process.once('exit', () => server.stopNow());
  process.stderr.write(`\nPostgreSQL for the read-model tests: ${server.url} (started in ${Date.now() - started} ms)\n`);
}

/** The server this process started, if it did. */
export function startedServer(): PostgresServer | undefined {
  return (globalThis as Record<string, unknown>)[SERVER_GLOBAL] as PostgresServer | undefined;
}
