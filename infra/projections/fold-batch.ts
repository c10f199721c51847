import type { AnyProjection } from '../../projections/projection';
import { foldRows } from '../../projections/fold-rows';
import type { RecordedEvent } from '../../services/event-store';

// The fold itself is pure and lives with the projections (time travel replays rows with it too).
export { ProjectionFailedError } from '../../projections/fold-rows';

/** What a batch changes in one projection's table. */
export interface RowChanges {
  /** Rows to insert or overwrite. */
  upserts: object[];
  /** Primary keys of rows to delete. */
  deletes: string[];
}

/**
 * Folds `events` (already filtered to the projection's types and checkpoint) over the rows
 * `loaded` by primary key, in memory, and returns only what differs from what was loaded.
 */
export function foldBatch(projection: AnyProjection, loaded: ReadonlyMap<string, object>, events: readonly RecordedEvent[]): RowChanges {
  return changesBetween(loaded, foldRows(projection, loaded, events));
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
