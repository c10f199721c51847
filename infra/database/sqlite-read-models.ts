import { MikroORM, defineConfig, type Options } from '@mikro-orm/better-sqlite';
import { readModelEntities } from '../../projections';
import type { SqliteReadModelsOptions } from './read-models';
import { refreshStatistics } from './statistics';

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * The API's read connection keeps a 64 MB page cache (better-sqlite3's default is 16 MB, against
 * read models of 220 MB at 100,000 claims): pages alone, a dashboard page's three statements went
 * from 1.75 to 1.3 ms on average (BENCHMARKS.md, "Dashboard"). SQLite drops a connection's cache
 * whenever another connection has committed, so under load it helps less. Not a memory map: SQLite
 * maps the file again each time it grows, and under 500 mutations a second that remapping doubled
 * their latency. Only the read connection: a rebuild writes through the other.
 */
const READ_CACHE_KB = 64 * 1024;

/** MikroORM's configuration of SQLite read models. */
export function sqliteReadModelsConfig(options: SqliteReadModelsOptions): Options {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  return defineConfig({
    dbName: options.path,
    entities: [...readModelEntities],
    // Every unit of work names its own fork: a shared global identity map would leak rows between requests.
    allowGlobalContext: false,
    debug: options.debug ?? false,
    loggerFactory: options.statementCounter?.loggerFactory,
    pool: { afterCreate: sqlitePragmas(busyTimeoutMs) },
    // A second connection to the same file for reads outside a transaction (MikroORM's read replica):
    // with WAL it sees every committed batch, and the API's reads no longer wait for the one write
    // connection while the projector's transaction holds it. Same pragmas, and a larger page cache
    // (`openSqliteReadModels`).
    replicas: [{ name: 'read' }],
    // SQLite's own statistics tables (`refreshStatistics`): not ours to diff, and their untyped columns trip MikroORM.
    schemaGenerator: { skipTables: [/^sqlite_stat\d$/] },
  });
}

/**
 * Opens the SQLite read models, creating or updating their tables from the entities: the file is
 * embedded and disposable (rebuilt from the event store), so no migrations are kept for it. Then
 * refreshes the query planner's statistics (`refreshStatistics`: cheap when they are current).
 */
export async function openSqliteReadModels(options: SqliteReadModelsOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(sqliteReadModelsConfig(options));
  // MikroORM gives SQLite replicas the main pool's settings whatever a replica names, so the read
  // connection gets its cache here. Knex keeps SQLite's pool at one connection, never reaped.
  await orm.em.getConnection('read').execute(`pragma cache_size = ${-READ_CACHE_KB}`);
  await orm.schema.updateSchema();
  // Statistics only steer plans: a file locked by another process's long write (a rebuild's switch)
  // must not stop a server from starting. The hourly refresh (`keepStatisticsFresh`) tries again and logs.
  await refreshStatistics(orm).catch(() => undefined);
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
