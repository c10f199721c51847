import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { ProjectionCheckpointSchema } from '../../projections/checkpoint.entity';
import type { RecordedEvent } from '../../services/event-store';
import { applyBatch, eventsFor, keysOf, type ProjectionSlot } from './apply-batch';
import { foldBatch, type RowChanges } from './fold-batch';
import { takeWriteLock } from './rebuild-sql';
import type { RebuildTarget } from './rebuild-targets';
import { SqliteWriterThread } from './rebuild-writer-thread';
import type { RowStatement } from './row-store';

/** How a rebuild's load applies its batches. `positions` (by rebuild checkpoint name) holds what is committed. */
export interface BatchApplier {
  /** Hands `batch` over; resolves once the batch before it is committed (at most two are in flight). */
  apply(batch: readonly RecordedEvent[]): Promise<void>;
  /** Resolves once every batch handed over is committed. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Each batch in one transaction of this connection, as the live runner does (PostgreSQL). */
export function transactionalApplier(orm: MikroORM, targets: readonly RebuildTarget[], positions: Map<string, bigint>): BatchApplier {
  const slots = targets.map(({ slot }) => slot);
  const names = targets.map(({ checkpoint }) => checkpoint);
  return {
    apply: (batch) => applyBatch(orm, slots, batch, positions, (em) => takeWriteLock(em, names)),
    drain: async () => undefined,
    close: async () => undefined,
  };
}

/** A batch handed to the writer thread: the rows it writes (read before it commits) and its commit. */
interface InFlight {
  rows: Map<string, Map<string, object | null>>;
  committed: Promise<void>;
}

/**
 * SQLite: this thread reads events, loads rows (in a read transaction: WAL readers take no lock)
 * and folds; a writer thread writes each batch's rows and checkpoint in one transaction. Batch N+1
 * is folded while batch N is written, its rows taken from batch N where N wrote them.
 */
export function pipelinedApplier(orm: MikroORM, targets: readonly RebuildTarget[], positions: Map<string, bigint>): BatchApplier {
  const writer = new SqliteWriterThread(String(orm.config.get('dbName')));
  const planned = new Map(positions);
  const inFlight: InFlight[] = [];
  const slots = targets.map(({ slot }) => slot);
  return {
    async apply(batch) {
      const last = batch[batch.length - 1].position;
      const { statements, rows } = await orm.em.fork().transactional((em) => plan(em, slots, batch, planned, inFlight));
      const advanced = slots.filter((slot) => (planned.get(slot.projection.name) ?? 0n) < last);
      if (advanced.length === 0) return;
      for (const slot of advanced) planned.set(slot.projection.name, last);
      statements.push(checkpointStatement(orm, advanced.map(({ projection }) => [projection.name, projection.version, last])));
      const committed = writer.write(statements).then(() => {
        for (const slot of advanced) positions.set(slot.projection.name, last);
      });
      committed.catch(() => undefined); // awaited below or by drain(); a failure must not go unhandled meanwhile
      inFlight.push({ rows, committed });
      if (inFlight.length > 1) await inFlight.shift()!.committed;
    },
    async drain() {
      while (inFlight.length > 0) await inFlight.shift()!.committed;
    },
    close: () => writer.close(),
  };
}

/** Folds `batch` for every slot; resolves the statements that write it and the rows they write. */
async function plan(em: EntityManager, slots: readonly ProjectionSlot[], batch: readonly RecordedEvent[], planned: ReadonlyMap<string, bigint>, inFlight: readonly InFlight[]) {
  const statements: RowStatement[] = [];
  const rows = new Map<string, Map<string, object | null>>();
  for (const slot of slots) {
    const events = eventsFor(slot, batch, planned.get(slot.projection.name) ?? 0n);
    if (events.length === 0) continue;
    const loaded = await loadAround(em, slot, keysOf(slot.projection, events), inFlight);
    const changes = foldBatch(slot.projection, loaded, events);
    statements.push(...slot.rows.writeStatements(changes, em.getPlatform()));
    rows.set(slot.projection.name, written(changes, slot));
  }
  return { statements, rows };
}

/** The rows of `keys`: from the newest batch in flight that wrote them, else from the table. */
async function loadAround(em: EntityManager, slot: ProjectionSlot, keys: readonly string[], inFlight: readonly InFlight[]): Promise<Map<string, object>> {
  const found = new Map<string, object>();
  const stored: string[] = [];
  for (const key of keys) {
    const row = newestInFlight(inFlight, slot.projection.name, key);
    if (row === undefined) stored.push(key);
    else if (row !== null) found.set(key, row);
  }
  for (const [key, row] of await slot.rows.load(em, stored)) found.set(key, row);
  return found;
}

/** The row the newest batch in flight wrote under `key` (null: deleted), or undefined when none wrote it. */
function newestInFlight(inFlight: readonly InFlight[], name: string, key: string): object | null | undefined {
  for (let i = inFlight.length - 1; i >= 0; i--) {
    const rows = inFlight[i].rows.get(name);
    if (rows?.has(key)) return rows.get(key);
  }
  return undefined;
}

function written(changes: RowChanges, slot: ProjectionSlot): Map<string, object | null> {
  const rows = new Map<string, object | null>(changes.deletes.map((key) => [key, null]));
  const primaryKey = slot.rows.primaryKeyField;
  for (const row of changes.upserts) rows.set(String((row as Record<string, unknown>)[primaryKey]), row);
  return rows;
}

/** The upsert of the rebuild's checkpoints, in the writer's transaction with the rows. */
function checkpointStatement(orm: MikroORM, checkpoints: ReadonlyArray<[string, number, bigint]>): RowStatement {
  const meta = orm.getMetadata().get(ProjectionCheckpointSchema.meta.className);
  const [name, version, position] = ['name', 'version', 'position'].map((prop) => `"${meta.properties[prop as 'name'].fieldNames[0]}"`);
  const values = checkpoints.map(() => '(?, ?, ?)').join(', ');
  return {
    text: `insert into "${meta.tableName}" (${name}, ${version}, ${position}) values ${values} on conflict (${name}) do update set ${version} = excluded.${version}, ${position} = excluded.${position}`,
    params: checkpoints.flatMap(([checkpoint, v, p]) => [checkpoint, v, p.toString()]),
  };
}
