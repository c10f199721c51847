import { SERVER_GLOBAL, startedServer } from './postgres-global-setup';

/** Jest global teardown of the "postgresql" project: stops the server the setup started and deletes its data. */
export default async function stopTestPostgres(): Promise<void> {
  const server = startedServer();
  if (server === undefined) return;
  delete (globalThis as Record<string, unknown>)[SERVER_GLOBAL];
  await server.stop();
}
