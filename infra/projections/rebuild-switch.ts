import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { ProjectionCheckpointSchema } from '../../projections/checkpoint.entity';
import { refreshStatistics } from '../database/statistics';
import type { EventStore } from '../../services/event-store';
import { applyWithin } from './apply-batch';
import { loadCheckpoints, saveCheckpoints, type Checkpoint } from './checkpoint-store';
import { ProjectionFailedError } from './fold-batch';
import type { RebuildDialect } from './rebuild-dialect';
import type { RebuildTarget } from './rebuild-targets';
import type { RunnerLogger } from './wake-up';

/** Attempts at the switch when it meets a lock it cannot wait for (a busy SQLite file, a PostgreSQL lock timeout or deadlock). */
const SWITCH_ATTEMPTS = 5;

/** What the switch needs. */
export interface SwitchOptions {
  orm: MikroORM;
  store: EventStore;
  dialect: RebuildDialect;
  /** In the live runner's order. */
  targets: readonly RebuildTarget[];
  batchSize: number;
  logger?: RunnerLogger;
}

/**
 * Puts the rebuilt tables in place of the live ones in ONE transaction, serialised with the live
 * runner's batches: applies to the new tables the events the live runner applied since the
 * rebuild's last batch, swaps the tables, sets each live checkpoint to where its new table stands
 * (the live runner's own position, or the rebuild's if it is ahead: projections are idempotent, so
 * the runner re-applying those events changes nothing) and deletes the rebuild's checkpoints.
 * A runner batch that starts after the commit writes to the new table. Resolves the checkpoints set.
 */
export async function switchToRebuilt(options: SwitchOptions): Promise<Map<string, Checkpoint>> {
  const switched = await switchWithRetries(options);
  // The swapped-in tables have no planner statistics yet (SQLite's went with the old tables); a
  // failure here costs plan quality only, never the rebuild.
  await refreshStatistics(options.orm, options.targets.map(({ liveTable }) => liveTable)).catch((error: unknown) =>
    options.logger?.warn({ err: error }, 'could not refresh the read models\' statistics after the rebuild'),
  );
  return switched;
}

async function switchWithRetries(options: SwitchOptions): Promise<Map<string, Checkpoint>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.orm.em.fork().transactional((em) => switchWithin(em, options));
    } catch (error) {
      if (attempt >= SWITCH_ATTEMPTS || !isLockConflict(error)) throw error;
      options.logger?.warn({ err: error, attempt }, 'rebuild switch met a lock; trying again');
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function switchWithin(em: EntityManager, options: SwitchOptions): Promise<Map<string, Checkpoint>> {
  const { dialect, targets } = options;
  const liveNames = targets.map(({ projection }) => projection.name);
  const rebuildNames = targets.map(({ checkpoint }) => checkpoint);
  await dialect.lockForSwitch(em, targets.map(({ liveTable }) => liveTable), [...liveNames, ...rebuildNames]);
  const live = await loadCheckpoints(em, liveNames);
  const rebuilt = await loadCheckpoints(em, rebuildNames);
  const switched = new Map<string, Checkpoint>();
  for (const target of targets) {
    const from = rebuilt.get(target.checkpoint)?.position;
    if (from === undefined) throw new Error(`the rebuild of ${target.projection.name} has no checkpoint: was it switched by another process?`);
    const to = max(from, live.get(target.projection.name)?.position ?? 0n);
    await catchUpWithin(em, options, target, from, to);
    switched.set(target.projection.name, { version: target.projection.version, position: to });
  }
  for (const target of targets) await dialect.swap(em, target.liveTable, target.newTable);
  await saveCheckpoints(em, switched);
  await em.nativeDelete(ProjectionCheckpointSchema, { name: { $in: rebuildNames } });
  return switched;
}

/** Applies the events after `from` up to and including `to` to the target's new table, inside the switch. */
async function catchUpWithin(em: EntityManager, options: SwitchOptions, target: RebuildTarget, from: bigint, to: bigint): Promise<void> {
  let position = from;
  while (position < to) {
    const read = await options.store.readAll({ after: position === 0n ? 'start' : position, maxCount: options.batchSize });
    const batch = read.filter((event) => event.position <= to);
    if (batch.length === 0) return;
    await applyWithin(em, [target.slot], batch, new Map([[target.checkpoint, position]]));
    position = batch[batch.length - 1].position;
  }
}

/** Errors worth another attempt: someone held a lock longer than the database would wait. */
function isLockConflict(error: unknown): boolean {
  if (error instanceof ProjectionFailedError) return false;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === '55P03' || code === '40P01' || code === 'SQLITE_BUSY') return true;
  return /SQLITE_BUSY|database is locked|lock timeout|deadlock detected/i.test(String(message));
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
