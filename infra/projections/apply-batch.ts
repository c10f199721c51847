import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import type { RecordedEvent } from '../../services/event-store';
import { saveCheckpoints, type Checkpoint } from './checkpoint-store';
import { foldBatch, ProjectionFailedError } from './fold-batch';
import { rowSqlOf } from '../../projections/row-sql';
import { RowStore } from './row-store';

/**
 * One thing the runner does with each batch, inside the batch's transaction, under its own
 * checkpoint: a read model's projection, or the webhook outbox.
 */
export interface BatchStep {
  /** The checkpoint's name. */
  readonly name: string;
  /** A stored checkpoint of another version is cleared (`clear`) and replayed from 0. */
  readonly version: number;
  /** Event types it cares about; the others only advance its checkpoint. */
  readonly handles: ReadonlySet<string>;
  /**
   * Applies `events` (already filtered to `handles` and the checkpoint) within the caller's
   * transaction, running its SQL through `projections/row-sql.ts` (the transaction's connection).
   */
  apply(em: EntityManager, events: readonly RecordedEvent[]): Promise<void>;
  /** Forgets what it built, before a replay from 0. */
  clear(em: EntityManager): Promise<void>;
}

/** A projection with what the runner derives from it once. */
export interface ProjectionSlot extends BatchStep {
  projection: AnyProjection;
  rows: RowStore;
}

/** Prepares `projections` for the runner; throws if an entity is not registered with `orm`. */
export function slotsOf(orm: MikroORM, projections: readonly AnyProjection[]): ProjectionSlot[] {
  return projections.map((projection) => slotOf(orm, projection));
}

/** One projection's slot; its rows go to `table` when given (a rebuild's new table), else to the entity's own. */
export function slotOf(orm: MikroORM, projection: AnyProjection, table?: string): ProjectionSlot {
  const rows = new RowStore(orm.getMetadata(), projection, table);
  const slot: ProjectionSlot = {
    name: projection.name,
    version: projection.version,
    handles: new Set<string>(projection.handles),
    projection,
    rows,
    apply: (em, events) => project(em, slot, events),
    clear: (em) => rows.clear(em),
  };
  return slot;
}

/**
 * Applies one batch read from `$all` in ONE transaction: per projection, load the rows the batch
 * touches (one query), fold the events in memory, write what changed; then save every advanced
 * checkpoint. A crash before the commit leaves rows and checkpoints as they were, so the batch is
 * simply read again. Updates `positions` only after the commit.
 */
export async function applyBatch(
  orm: MikroORM,
  slots: readonly BatchStep[],
  batch: readonly RecordedEvent[],
  positions: Map<string, bigint>,
  /** Runs first inside the transaction; throwing aborts the batch (the projector lease's fence). */
  fence?: (em: EntityManager) => Promise<void>,
): Promise<void> {
  // On SQLite straight on the connection, elsewhere through MikroORM (see `RowSql.transaction`).
  const advanced = await rowSqlOf(orm.em).transaction(orm.em, async (em) => {
    await fence?.(em);
    return applyWithin(em, slots, batch, positions);
  });
  for (const [name, checkpoint] of advanced) positions.set(name, checkpoint.position);
}

/**
 * {@link applyBatch}'s work inside a transaction the caller owns (a rebuild's switch applies its
 * last events in the same transaction as its renames): rows and checkpoints are written, `positions`
 * is left alone; resolves the checkpoints saved.
 */
export async function applyWithin(
  em: EntityManager,
  steps: readonly BatchStep[],
  batch: readonly RecordedEvent[],
  positions: ReadonlyMap<string, bigint>,
): Promise<Map<string, Checkpoint>> {
  const advanced = new Map<string, Checkpoint>();
  if (batch.length === 0) return advanced;
  const last = batch[batch.length - 1].position;
  for (const step of steps) {
    const from = positions.get(step.name) ?? 0n;
    if (from >= last) continue;
    const events = eventsFor(step, batch, from);
    if (events.length > 0) await step.apply(em, events);
    advanced.set(step.name, { version: step.version, position: last });
  }
  await saveCheckpoints(em, advanced);
  return advanced;
}

async function project(em: EntityManager, slot: ProjectionSlot, events: readonly RecordedEvent[]): Promise<void> {
  const loaded = await slot.rows.load(em, keysOf(slot.projection, events));
  await slot.rows.write(em, foldBatch(slot.projection, loaded, events));
}

/** The events of `batch` after `from` that `step` handles. */
export function eventsFor(step: BatchStep, batch: readonly RecordedEvent[], from: bigint): RecordedEvent[] {
  return batch.filter((event) => event.position > from && step.handles.has(event.type));
}

/** The primary keys `events` touch, each once; a projection that throws is reported as failed on that event. */
export function keysOf(projection: AnyProjection, events: readonly RecordedEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    let key: string | null;
    try {
      key = projection.keyOf(event);
    } catch (cause) {
      throw new ProjectionFailedError(projection.name, event, cause);
    }
    if (key !== null) keys.add(key);
  }
  return [...keys];
}
