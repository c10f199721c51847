import type { MikroORM } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import { slotOf, type ProjectionSlot } from './apply-batch';

/** Suffix of a rebuild's new table and of its checkpoint's name: `claim_summary__rebuild`, `claim-summary__rebuild`. */
export const REBUILD_SUFFIX = '__rebuild';

/**
 * Tables a rebuild owns while it runs. The SQLite read models make their schema from the entities
 * and drop tables they do not know; give this to MikroORM's `schemaGenerator.skipTables` so that a
 * server starting during a rebuild leaves the rebuild's tables alone.
 */
export const REBUILD_TABLE_PATTERN = /__rebuild$/;

/** One projection being rebuilt: its live table, the table built beside it, and the rebuild's own checkpoint. */
export interface RebuildTarget {
  projection: AnyProjection;
  /** The table queries read and the live runner writes (the entity's table). */
  liveTable: string;
  /** Where the rebuild writes: `<liveTable>__rebuild`, same columns and primary key. */
  newTable: string;
  /** The rebuild's checkpoint, stored beside the live ones: `<name>__rebuild`. */
  checkpoint: string;
  /**
   * The runner's machinery pointed at the new table: the projection under the checkpoint's name
   * (so `applyBatch` saves the rebuild's checkpoint, never the live one) and a row store on `newTable`.
   */
  slot: ProjectionSlot;
}

/** The rebuild's view of `projection` (its entity must be registered with `orm`). */
export function rebuildTarget(orm: MikroORM, projection: AnyProjection): RebuildTarget {
  const liveTable = orm.getMetadata().get(projection.entity.meta.className).tableName;
  const newTable = `${liveTable}${REBUILD_SUFFIX}`;
  const checkpoint = rebuildCheckpointName(projection.name);
  return { projection, liveTable, newTable, checkpoint, slot: slotOf(orm, { ...projection, name: checkpoint }, newTable) };
}

/** The name a rebuild of projection `name` keeps its checkpoint under. */
export function rebuildCheckpointName(name: string): string {
  return `${name}${REBUILD_SUFFIX}`;
}

/**
 * The projections called `names` (all of `projections` when none is named), in `projections`'
 * order — the live runner's order, in which the switch also locks their tables. Throws for an
 * unknown name, listing the known ones.
 */
export function selectProjections(projections: readonly AnyProjection[], names: readonly string[]): AnyProjection[] {
  const known = new Set(projections.map(({ name }) => name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UnknownProjectionError(unknown, [...known]);
  }
  return names.length === 0 ? [...projections] : projections.filter(({ name }) => names.includes(name));
}

/** A projection name that no read model has. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(unknown: readonly string[], known: readonly string[]) {
    super(`no projection called ${unknown.join(', ')}; the projections are ${known.join(', ')}`);
  }
}
