import type { MikroORM } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import type { EventStore } from '../../services/event-store';
import { loadCheckpoints, minPosition, saveCheckpoints } from './checkpoint-store';
import { rebuildDialectOf, type RebuildDialect } from './rebuild-dialect';
import { pipelinedApplier, transactionalApplier, type BatchApplier } from './rebuild-pipeline';
import { switchToRebuilt } from './rebuild-switch';
import { rebuildTarget, type RebuildTarget } from './rebuild-targets';
import type { RunnerLogger } from './wake-up';

/** Events read and applied per rebuild transaction, unless told otherwise. */
export const DEFAULT_REBUILD_BATCH_SIZE = 5_000;

/** What a rebuild is doing now: loading events into the new tables, building their indexes, or switching. */
export type RebuildPhase = 'loading' | 'indexing' | 'switching' | 'switched';

/** Reported after every batch and at each phase. */
export interface RebuildProgress {
  phase: RebuildPhase;
  /** Where the new tables stand (the slowest one). */
  position: bigint;
  /** The store's head when last looked at (it grows while the rebuild runs). */
  head: bigint;
  /** Where this run started: 0n, or the position an interrupted rebuild is resumed from. */
  startedAt: bigint;
}

export interface RebuildOptions {
  store: EventStore;
  /** The read-model database, every projection's entity registered; the live tables must exist. */
  orm: MikroORM;
  /** The projections to rebuild, in the live runner's order (`selectProjections`). */
  projections: readonly AnyProjection[];
  /** Default {@link DEFAULT_REBUILD_BATCH_SIZE}. */
  batchSize?: number;
  /** Awaited (a slow consumer holds the rebuild back), so keep it quick. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  /** Asked between batches: true stops after the batch in progress, keeping the rebuild's checkpoint. */
  shouldStop?: () => boolean;
  logger?: RunnerLogger;
}

/** How a rebuild ended: switched (the new tables serve), or interrupted (rerun to resume). */
export type RebuildResult =
  | { outcome: 'switched'; startedAt: bigint; position: bigint; positions: Map<string, bigint> }
  | { outcome: 'interrupted'; startedAt: bigint; position: bigint };

/**
 * Rebuilds `projections` from position 0 without downtime: builds each into a new table beside the
 * live one (batch by batch, each batch and the rebuild's checkpoint in one transaction), while queries
 * read the live tables and the live runner keeps them current; then switches atomically
 * (`switchToRebuilt`). Interrupted, it keeps its tables and checkpoint, and the next call resumes
 * where it stopped; a rebuild made by another projection version, or whose table is gone, restarts from 0.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { orm, store } = options;
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be ≥ 1');
  const dialect = rebuildDialectOf(orm.em.fork());
  const targets = options.projections.map((projection) => rebuildTarget(orm, projection));
  const positions = await prepareNewTables(orm, dialect, targets, options.logger);
  const startedAt = minPosition(positions.values());
  const report = async (phase: RebuildPhase, head: bigint) =>
    options.onProgress?.({ phase, position: minPosition(positions.values()), head, startedAt });

  const applier = dialect.name === 'sqlite' ? pipelinedApplier(orm, targets, positions) : transactionalApplier(orm, targets, positions);
  const loaded = await load(options, applier, positions, batchSize, report).finally(() => applier.close());
  if (!loaded) return { outcome: 'interrupted', startedAt, position: minPosition(positions.values()) };

  const head = await store.headPosition();
  await report('indexing', head);
  for (const target of targets) await orm.em.fork().transactional((em) => dialect.prepareSwitch(em, target.liveTable, target.newTable));
  await report('switching', head);
  const switched = await switchToRebuilt({ orm, store, dialect, targets, batchSize, logger: options.logger });
  const switchedPositions = new Map([...switched].map(([name, { position }]) => [name, position]));
  await options.onProgress?.({ phase: 'switched', position: minPosition(switchedPositions.values()), head, startedAt });
  return { outcome: 'switched', startedAt, position: minPosition(switchedPositions.values()), positions: switchedPositions };
}

/** Loads `$all` into the new tables until it has nothing newer; false when stopped before that. */
async function load(
  options: RebuildOptions,
  applier: BatchApplier,
  positions: Map<string, bigint>,
  batchSize: number,
  report: (phase: RebuildPhase, head: bigint) => Promise<void>,
): Promise<boolean> {
  let head = await options.store.headPosition();
  await report('loading', head);
  let after = minPosition(positions.values());
  while (!options.shouldStop?.()) {
    const batch = await options.store.readAll({ after: after === 0n ? 'start' : after, maxCount: batchSize });
    if (batch.length === 0) {
      await applier.drain();
      return true;
    }
    after = batch[batch.length - 1].position;
    await applier.apply(batch);
    // Lets signals (Ctrl-C), timers and a progress display run: with SQLite every await here resolves at once.
    await new Promise((resolve) => setImmediate(resolve));
    if (after > head) head = await options.store.headPosition();
    await report('loading', head);
  }
  await applier.drain();
  return false;
}

/**
 * Each target's position: resumed when its checkpoint was made by this projection version and its
 * new table is there; otherwise the new table is made afresh (dropping a leftover) at position 0.
 */
async function prepareNewTables(
  orm: MikroORM,
  dialect: RebuildDialect,
  targets: readonly RebuildTarget[],
  logger?: RunnerLogger,
): Promise<Map<string, bigint>> {
  const stored = await loadCheckpoints(orm.em.fork(), targets.map(({ checkpoint }) => checkpoint));
  const positions = new Map<string, bigint>();
  for (const target of targets) {
    const checkpoint = stored.get(target.checkpoint);
    const sameVersion = checkpoint !== undefined && checkpoint.version === target.projection.version;
    if (sameVersion && (await dialect.tableExists(orm.em.fork(), target.newTable))) {
      logger?.info({ projection: target.projection.name, position: String(checkpoint.position) }, 'resuming the rebuild');
      positions.set(target.checkpoint, checkpoint.position);
      continue;
    }
    await orm.em.fork().transactional(async (em) => {
      await dialect.dropTable(em, target.newTable);
      await dialect.createTableLike(em, target.liveTable, target.newTable);
      await saveCheckpoints(em, new Map([[target.checkpoint, { version: target.projection.version, position: 0n }]]));
    });
    logger?.info({ projection: target.projection.name, table: target.newTable }, 'rebuilding from the start');
    positions.set(target.checkpoint, 0n);
  }
  return positions;
}
