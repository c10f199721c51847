import type { EntityManager, EntityMetadata, EntityProperty, MetadataStorage, Platform } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { AnyProjection } from '../../projections/projection';
import type { RowChanges } from './fold-batch';

/**
 * Rows per INSERT or `IN (…)` list: well under SQLite's 32,766 bound variables (29 columns × 500)
 * and PostgreSQL's 65,535, and large enough that a batch is a handful of statements.
 */
const CHUNK = 500;

/** One column of a projection's table: how a row's field is stored and read back. */
interface Column {
  field: string;
  column: string;
  prop: EntityProperty;
}

/**
 * Moves a projection's rows between a table and `evolve` as plain objects, by primary key. Builds
 * multi-row SQL (INSERT … ON CONFLICT DO UPDATE, SELECT/DELETE … IN) with knex, so it works on
 * PostgreSQL as on SQLite, and runs it through MikroORM's connection inside the caller's
 * transaction (logged and counted like every statement) — without the ORM's unit of work or
 * hydration, which cost more than the SQL itself on bulk writes. Columns and conversions come from
 * the entity's metadata, so the rows are stored exactly as the ORM stores them.
 *
 * `table` defaults to the entity's own table; a rebuild points a second store at its new table.
 */
export class RowStore {
  readonly table: string;
  private readonly meta: EntityMetadata;
  private readonly columns: Column[];
  private readonly primaryKey: Column;

  constructor(metadata: MetadataStorage, projection: AnyProjection, table?: string) {
    this.meta = metadata.get(projection.entity.meta.className);
    if (this.meta.primaryKeys.length !== 1) {
      throw new Error(`projection ${projection.name}: its entity needs exactly one primary key`);
    }
    this.table = table ?? this.meta.tableName;
    this.columns = this.meta.props
      .filter((prop) => prop.persist !== false && prop.fieldNames?.length === 1)
      .map((prop) => ({ field: prop.name, column: prop.fieldNames[0], prop }));
    this.primaryKey = this.columns.find(({ field }) => field === this.meta.primaryKeys[0])!;
  }

  /** The rows whose primary key is in `keys`, by key; one statement per {@link CHUNK} keys (none for no keys). */
  async load(em: EntityManager, keys: readonly string[]): Promise<Map<string, object>> {
    const rows = new Map<string, object>();
    const platform = em.getPlatform();
    for (const chunk of chunks(keys)) {
      const query = this.knex(em).select('*').whereIn(this.primaryKey.column, chunk);
      const found = await this.run<Record<string, unknown>[]>(em, query, 'all');
      for (const raw of found) {
        const row = this.toRow(raw, platform);
        rows.set(String(row[this.primaryKey.field]), row);
      }
    }
    return rows;
  }

  /** Writes `changes`: one upsert per {@link CHUNK} rows, one delete per {@link CHUNK} keys. */
  async write(em: EntityManager, changes: RowChanges): Promise<void> {
    const platform = em.getPlatform();
    for (const chunk of chunks(changes.upserts)) {
      const values = chunk.map((row) => this.toColumns(row as Record<string, unknown>, platform));
      const others = this.columns.filter((column) => column !== this.primaryKey).map(({ column }) => column);
      const query = this.knex(em).insert(values).onConflict(this.primaryKey.column).merge(others);
      await this.run(em, query, 'run');
    }
    for (const chunk of chunks(changes.deletes)) {
      await this.run(em, this.knex(em).whereIn(this.primaryKey.column, chunk).delete(), 'run');
    }
  }

  /** Empties the table (a rebuild). */
  async clear(em: EntityManager): Promise<void> {
    await this.run(em, this.knex(em).delete(), 'run');
  }

  private knex(em: EntityManager) {
    return (em as SqlEntityManager).getKnex()(this.table);
  }

  /** Runs `query` on MikroORM's connection, in `em`'s transaction when it has one. */
  private run<T>(em: EntityManager, query: { toSQL(): unknown }, method: 'all' | 'run'): Promise<T> {
    const connection = (em as SqlEntityManager).getConnection();
    return connection.execute(query as never, [], method, em.getTransactionContext()) as Promise<T>;
  }

  /** A stored row as `evolve` sees it: field names, and values as the ORM would hydrate them. */
  private toRow(raw: Record<string, unknown>, platform: Platform): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const { field, column, prop } of this.columns) {
      const value = raw[column];
      if (value === null || value === undefined) row[field] = null;
      else if (prop.customType) row[field] = prop.customType.convertToJSValue(value, platform);
      else if (prop.runtimeType === 'boolean') row[field] = Boolean(value);
      else row[field] = value;
    }
    return row;
  }

  /** A row as stored: column names, custom types converted (e.g. bigint positions). */
  private toColumns(row: Record<string, unknown>, platform: Platform): Record<string, unknown> {
    const stored: Record<string, unknown> = {};
    for (const { field, column, prop } of this.columns) {
      const value = row[field] ?? null;
      stored[column] =
        value !== null && prop.customType
          ? prop.customType.convertToDatabaseValue(value, platform, { key: prop.name, mode: 'query-data' })
          : value;
    }
    return stored;
  }
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
