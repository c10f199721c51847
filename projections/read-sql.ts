import { BigIntType, type EntityManager, type EntitySchema } from '@mikro-orm/core';
import { rowSqlOf } from './row-sql';

export { placeholders } from './row-sql';

/**
 * Runs a read-model query written in SQL (`?` placeholders, the same text on every database) and
 * resolves its rows as the database returns them. Queries that answer every API request use it
 * instead of `em.find`: MikroORM's hydration and knex's statement building cost more than the
 * statements themselves (BENCHMARKS.md, "Dashboard"). On SQLite each text is prepared once per
 * connection; every statement is reported to MikroORM's logger, so it is logged and counted like
 * MikroORM's own.
 */
export function readRows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
  return rowSqlOf(em).all(em, sql, params);
}

/** How a read-model table's rows are read in SQL: its select list and the conversion of a raw row. */
export interface RowShape<Row> {
  /** Every column, named as its property (`"filed_at" as "filedAt"`); bigints as decimal text. */
  columns: string;
  /** A raw row (`readRows`) as the entity's row type: booleans from 1/0, in place. */
  toRow(raw: Record<string, unknown>): Row;
}

/** The shape of `schema`'s rows, from the entity's own property list (so a new column is read too). */
export function rowShapeOf<Row>(schema: EntitySchema<Row>): RowShape<Row> {
  const properties = Object.entries(schema.meta.properties as Record<string, { type: unknown }>).map(([name, { type }]) => ({
    name,
    bigint: type instanceof BigIntType,
    boolean: type === 'boolean',
  }));
  const booleans = properties.filter((property) => property.boolean).map((property) => property.name);
  return {
    columns: selectList(properties),
    toRow(raw) {
      for (const name of booleans) raw[name] = toBoolean(raw[name]);
      return raw as Row;
    },
  };
}

function selectList(properties: readonly { name: string; bigint?: boolean }[]): string {
  return properties
    .map(({ name, bigint }) => {
      const column = `"${columnOf(name)}"`;
      return `${bigint ? `cast(${column} as text)` : column} as "${name}"`;
    })
    .join(', ');
}

/** MikroORM's default naming (UnderscoreNamingStrategy): `filedAt` → `filed_at`. */
export function columnOf(property: string): string {
  return property.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** SQLite answers booleans as 1 and 0, PostgreSQL as booleans: both become booleans. */
function toBoolean(value: unknown): boolean {
  return value === true || value === 1;
}
