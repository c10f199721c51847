import type { EntityManager, EntityMetadata, EntityProperty, MetadataStorage, Platform } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import type { RowChanges } from './fold-batch';
import { placeholders, rowSqlOf } from '../../projections/row-sql';

/**
 * Rows per INSERT or `IN (…)` list: well under SQLite's 32,766 bound variables (29 columns × 500)
 * and PostgreSQL's 65,535, and large enough that a batch is a handful of statements.
 */
const CHUNK = 500;

/** A statement and its values, `?` placeholders in SQL both SQLite and PostgreSQL read. */
export interface RowStatement {
  text: string;
  params: unknown[];
}

/** One column of a projection's table: how a row's field is stored and read back. */
interface Column {
  field: string;
  column: string;
  prop: EntityProperty;
}

/**
 * Moves a projection's rows between a table and `evolve` as plain objects, by primary key, with
 * multi-row statements (`INSERT … ON CONFLICT DO UPDATE`, `SELECT`/`DELETE … IN`) in a syntax
 * SQLite and PostgreSQL share, inside the caller's transaction — without the ORM's unit of work or
 * hydration, which cost more than the SQL itself on bulk writes. Columns and conversions come from
 * the entity's metadata, so rows are stored exactly as the ORM stores them.
 *
 * `table` defaults to the entity's own table; a rebuild points a second store at its new table.
 */
export class RowStore {
  readonly table: string;
  private readonly meta: EntityMetadata;
  private readonly columns: Column[];
  private readonly primaryKey: Column;
  private readonly sqlBySize = new Map<string, string>();

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

  /** The field of a row that holds its primary key. */
  get primaryKeyField(): string {
    return this.primaryKey.field;
  }

  /** The rows whose primary key is in `keys`, by key; one statement per {@link CHUNK} keys (none for no keys). */
  async load(em: EntityManager, keys: readonly string[]): Promise<Map<string, object>> {
    const rows = new Map<string, object>();
    const sql = rowSqlOf(em);
    const platform = em.getPlatform();
    for (const chunk of chunks(keys)) {
      for (const raw of await sql.all(em, this.statement('select', chunk.length), chunk)) {
        const row = this.toRow(raw, platform);
        rows.set(String(row[this.primaryKey.field]), row);
      }
    }
    return rows;
  }

  /** Writes `changes`: one upsert per {@link CHUNK} rows, one delete per {@link CHUNK} keys. */
  async write(em: EntityManager, changes: RowChanges): Promise<void> {
    const sql = rowSqlOf(em);
    for (const { text, params } of this.writeStatements(changes, em.getPlatform())) await sql.run(em, text, params);
  }

  /** The statements {@link write} runs for `changes`, for a caller that runs them elsewhere (a rebuild's writer thread). */
  writeStatements(changes: RowChanges, platform: Platform): RowStatement[] {
    const statements: RowStatement[] = [];
    for (const chunk of chunks(changes.upserts)) {
      statements.push({ text: this.statement('upsert', chunk.length), params: this.values(chunk, platform) });
    }
    for (const chunk of chunks(changes.deletes)) statements.push({ text: this.statement('delete', chunk.length), params: chunk });
    return statements;
  }

  /** Empties the table (a rebuild). */
  async clear(em: EntityManager): Promise<void> {
    await rowSqlOf(em).run(em, `delete from ${quote(this.table)}`, []);
  }

  /** The SQL of a statement over `size` keys or rows, made once per size. */
  private statement(kind: 'select' | 'upsert' | 'delete', size: number): string {
    const key = `${kind}:${size}`;
    let sql = this.sqlBySize.get(key);
    if (sql === undefined) this.sqlBySize.set(key, (sql = this.buildStatement(kind, size)));
    return sql;
  }

  private buildStatement(kind: 'select' | 'upsert' | 'delete', size: number): string {
    const table = quote(this.table);
    const primaryKey = quote(this.primaryKey.column);
    const keys = `(${placeholders(size)})`;
    if (kind === 'select') return `select * from ${table} where ${primaryKey} in ${keys}`;
    if (kind === 'delete') return `delete from ${table} where ${primaryKey} in ${keys}`;
    const row = `(${placeholders(this.columns.length)})`;
    const updates = this.columns.filter((column) => column !== this.primaryKey).map(({ column }) => `${quote(column)} = excluded.${quote(column)}`);
    return (
      `insert into ${table} (${this.columns.map(({ column }) => quote(column)).join(', ')}) ` +
      `values ${Array.from({ length: size }, () => row).join(', ')} on conflict (${primaryKey}) do update set ${updates.join(', ')}`
    );
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

  /** The rows' values, row after row, in column order, custom types converted (e.g. bigint positions). */
  private values(rows: readonly object[], platform: Platform): unknown[] {
    const values = new Array<unknown>(rows.length * this.columns.length);
    let i = 0;
    for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
      for (const { field, prop } of this.columns) {
        const value = row[field] ?? null;
        values[i++] =
          value === null || !prop.customType
            ? value
            : prop.customType.convertToDatabaseValue(value, platform, { key: prop.name, mode: 'query-data' });
      }
    }
    return values;
  }
}

/** Double quotes: the identifier quote SQLite and PostgreSQL share. */
function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}


function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
