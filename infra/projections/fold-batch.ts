import type { AnyProjection } from '../../projections/projection';
import type { RecordedEvent } from '../../services/event-store';

/** What a batch changes in one projection's table. */
export interface RowChanges {
  /** Rows to insert or overwrite. */
  upserts: object[];
  /** Primary keys of rows to delete. */
  deletes: string[];
}

/** A projection threw on an event. Should not happen; the runner stops rather than skip the event. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';

  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'revision' | 'position'>,
    override readonly cause: unknown,
  ) {
    super(`projection ${projection} failed on ${event.type} at position ${event.position}: ${String(cause)}`);
  }
}

/**
 * Folds `events` (already filtered to the projection's types and checkpoint) over the rows
 * `loaded` by primary key, in memory, and returns only what differs from what was loaded.
 */
export function foldBatch(projection: AnyProjection, loaded: ReadonlyMap<string, object>, events: readonly RecordedEvent[]): RowChanges {
  const current = new Map<string, object | null>(loaded);
  for (const event of events) {
    const key = guarded(projection, event, () => projection.keyOf(event));
    if (key === null) continue;
    const before = current.get(key) ?? null;
    current.set(key, guarded(projection, event, () => projection.evolve(before, event)));
  }
  return changesBetween(loaded, current);
}

function changesBetween(loaded: ReadonlyMap<string, object>, current: ReadonlyMap<string, object | null>): RowChanges {
  const changes: RowChanges = { upserts: [], deletes: [] };
  for (const [key, row] of current) {
    const original = loaded.get(key) ?? null;
    if (row === null) {
      if (original !== null) changes.deletes.push(key);
    } else if (original === null || !sameRow(original, row)) {
      changes.upserts.push(row);
    }
  }
  return changes;
}

/** Rows are flat records of scalars, so comparing own fields is enough. */
export function sameRow(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.is(left[key], right[key]));
}

function guarded<T>(projection: AnyProjection, event: RecordedEvent, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    throw new ProjectionFailedError(projection.name, event, cause);
  }
}
