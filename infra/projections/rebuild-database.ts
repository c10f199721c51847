import { mkdirSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/better-sqlite';
import type { MikroORM as AnyMikroORM } from '@mikro-orm/core';
import type { EventStore } from '../../services/event-store';
import { openEventStores } from '../backends';
import type { Config } from '../config';
import { openReadModels, readModelsTarget, type ReadModelsOptions } from '../database/read-models';
import { sqliteReadModelsConfig } from '../database/sqlite-read-models';
import { REBUILD_TABLE_PATTERN } from './rebuild-targets';

/**
 * Opens the read models for `recourse projections …` as `openReadModels` does, except that on
 * SQLite, whose schema is synchronised from the entities, the synchronisation leaves a rebuild's
 * tables alone: MikroORM would otherwise drop them as unknown, and an interrupted rebuild could
 * never be resumed. (PostgreSQL only runs its migrations, which touch no other table.)
 */
export async function openReadModelsForRebuild(options: ReadModelsOptions): Promise<AnyMikroORM> {
  if (options.kind === 'postgresql') return openReadModels(options);
  const config = sqliteReadModelsConfig(options);
  const orm = await MikroORM.init({
    ...config,
    schemaGenerator: { ...config.schemaGenerator, skipTables: [...(config.schemaGenerator?.skipTables ?? []), REBUILD_TABLE_PATTERN] },
    pool: { ...config.pool, afterCreate: withRebuildPragmas(config.pool?.afterCreate as AfterCreate | undefined) },
  });
  await orm.schema.updateSchema();
  return orm;
}

type AfterCreate = (connection: PragmaConnection, done: (error: Error | null, connection: PragmaConnection) => void) => void;

interface PragmaConnection {
  pragma(source: string): unknown;
}

/**
 * This connection checkpoints the write-ahead log every 10,000 pages (40 MB) rather than 1,000: a
 * rebuild rewrites the same pages batch after batch, and each checkpoint copies them back into the
 * file (about a quarter less written in all, see BENCHMARKS.md). Other connections keep theirs.
 */
function withRebuildPragmas(afterCreate: AfterCreate | undefined): AfterCreate {
  return (connection, done) => {
    const configure: typeof done = (error, configured) => {
      if (error) return done(error, configured);
      try {
        configured.pragma('wal_autocheckpoint = 10000');
        done(null, configured);
      } catch (failure) {
        done(failure as Error, configured);
      }
    };
    if (afterCreate) afterCreate(connection, configure);
    else configure(null, connection);
  };
}

/** What `recourse projections …` works on; `close()` closes both. */
export interface ProjectionStores {
  /** The event store as the projections read it (upcast to current event shapes). */
  store: EventStore;
  orm: AnyMikroORM;
  close(): Promise<void>;
}

/** Opens the configured event store and read models for a projections command. */
export async function openProjectionStores(config: Config): Promise<ProjectionStores> {
  const target = readModelsTarget(config);
  if (target.kind !== 'postgresql') mkdirSync(config.dataDir, { recursive: true });
  const { store } = openEventStores(config);
  try {
    const orm = await openReadModelsForRebuild(target);
    return {
      store,
      orm,
      async close() {
        await orm.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
