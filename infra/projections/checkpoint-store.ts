import type { EntityManager } from '@mikro-orm/core';
import { placeholders, rowSqlOf } from '../../projections/row-sql';

/** Where a projection stands: the version that built its rows, and the last position applied (0n: none). */
export interface Checkpoint {
  version: number;
  position: bigint;
}

// The table of `projections/checkpoint.entity.ts`. Plain SQL that SQLite and PostgreSQL share: the
// projector saves checkpoints with every batch and loads them before every catch-up, many times a
// second under load, and MikroORM's query building cost more than the statements themselves (on
// SQLite each statement is prepared once per connection, see `projections/row-sql.ts`).
const TABLE = 'projection_checkpoint';

/** The stored checkpoints of `names`; a projection that never ran has none. One statement. */
export async function loadCheckpoints(em: EntityManager, names: readonly string[]): Promise<Map<string, Checkpoint>> {
  if (names.length === 0) return new Map();
  // As text: a driver may read a 64-bit integer into a JavaScript number and lose digits.
  const sql = `select "name", "version", cast("position" as text) as "position" from ${TABLE} where "name" in (${placeholders(names.length)})`;
  const rows = await rowSqlOf(em).all(em, sql, names);
  return new Map(rows.map((row) => [String(row.name), { version: Number(row.version), position: BigInt(row.position as string) }]));
}

/** Saves `checkpoints` by projection name; one statement. */
export async function saveCheckpoints(em: EntityManager, checkpoints: ReadonlyMap<string, Checkpoint>): Promise<void> {
  if (checkpoints.size === 0) return;
  const values = [...checkpoints].map(() => '(?, ?, ?)').join(', ');
  const params = [...checkpoints].flatMap(([name, { version, position }]) => [name, version, position.toString()]);
  const sql =
    `insert into ${TABLE} ("name", "version", "position") values ${values} ` +
    'on conflict ("name") do update set "version" = excluded."version", "position" = excluded."position"';
  await rowSqlOf(em).run(em, sql, params);
}

/** The smallest of `positions` (0n for none): where the slowest projection stands. */
export function minPosition(positions: Iterable<bigint>): bigint {
  let min: bigint | null = null;
  for (const position of positions) if (min === null || position < min) min = position;
  return min ?? 0n;
}

