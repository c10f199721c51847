import type { EntityManager, FilterQuery, MetadataStorage } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import type { RowChanges } from './fold-batch';

/**
 * Moves a projection's rows between the database and `evolve` as plain objects, by primary key.
 * Uses only MikroORM's driver-neutral API (find, upsertMany, nativeDelete), so it works on
 * PostgreSQL as on SQLite.
 */
export class RowStore {
  private readonly primaryKey: string;

  constructor(
    metadata: MetadataStorage,
    private readonly projection: AnyProjection,
  ) {
    const meta = metadata.get(projection.entity.meta.className);
    if (meta.primaryKeys.length !== 1) {
      throw new Error(`projection ${projection.name}: its entity needs exactly one primary key`);
    }
    this.primaryKey = meta.primaryKeys[0];
  }

  /** The rows whose primary key is in `keys`, by key; one statement (none for no keys). */
  async load(em: EntityManager, keys: readonly string[]): Promise<Map<string, object>> {
    const rows = new Map<string, object>();
    if (keys.length === 0) return rows;
    const found = await em.find(this.projection.entity, this.keyIn(keys), { disableIdentityMap: true });
    for (const entity of found) {
      const row: Record<string, unknown> = { ...entity };
      rows.set(String(row[this.primaryKey]), row);
    }
    return rows;
  }

  /** Writes `changes`: one upsert per chunk of rows, one delete. */
  async write(em: EntityManager, changes: RowChanges): Promise<void> {
    if (changes.upserts.length > 0) {
      await em.upsertMany(this.projection.entity, changes.upserts, { disableIdentityMap: true });
    }
    if (changes.deletes.length > 0) await em.nativeDelete(this.projection.entity, this.keyIn(changes.deletes));
  }

  /** Empties the table (a rebuild). */
  async clear(em: EntityManager): Promise<void> {
    await em.nativeDelete(this.projection.entity, {});
  }

  private keyIn(keys: readonly string[]): FilterQuery<object> {
    return { [this.primaryKey]: { $in: [...keys] } };
  }
}
