import type { EntityManager } from '@mikro-orm/core';
import { ProjectionCheckpointSchema } from '../../projections/checkpoint.entity';

/** Where a projection stands: the version that built its rows, and the last position applied (0n: none). */
export interface Checkpoint {
  version: number;
  position: bigint;
}

/** The stored checkpoints of `names`; a projection that never ran has none. One statement. */
export async function loadCheckpoints(em: EntityManager, names: readonly string[]): Promise<Map<string, Checkpoint>> {
  const rows = await em.find(ProjectionCheckpointSchema, { name: { $in: [...names] } }, { disableIdentityMap: true });
  return new Map(rows.map((row) => [row.name, { version: row.version, position: BigInt(row.position) }]));
}

/** Saves `checkpoints` by projection name; one statement. */
export async function saveCheckpoints(em: EntityManager, checkpoints: ReadonlyMap<string, Checkpoint>): Promise<void> {
  if (checkpoints.size === 0) return;
  const rows = [...checkpoints].map(([name, { version, position }]) => ({ name, version, position: position.toString() }));
  await em.upsertMany(ProjectionCheckpointSchema, rows, { disableIdentityMap: true });
}

/** The smallest of `positions` (0n for none): where the slowest projection stands. */
export function minPosition(positions: Iterable<bigint>): bigint {
  let min: bigint | null = null;
  for (const position of positions) if (min === null || position < min) min = position;
  return min ?? 0n;
}
