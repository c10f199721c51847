import { TSMigrationGenerator } from '@mikro-orm/migrations';

/**
 * The SQL of a table definition with `COLLATE "C"` on every character column: byte order, which is
 * what SQLite compares with and what the claims list's keyset pagination and the evidence order
 * assume (ids and fixed-width UTC ISO times). A database's default collation (often en-US) would
 * otherwise sort `B` after `a` and treat punctuation its own way. MikroORM 6 cannot say collation in
 * an entity, and its schema diff ignores it, so the migrations carry it; a test checks every column.
 */
export function withByteOrderCollation(sql: string): string {
  if (!/^(create|alter) table /i.test(sql)) return sql;
  // A type written as a column's type, not inside a `::varchar(…)` cast, and not already collated.
  return sql.replace(/(?<!::)\b(varchar\(\d+\)|text)(?=\s+(not null|null|using|default)\b|\s*[,)]|;?$)/gi, '$1 collate "C"');
}

/** MikroORM's TypeScript migration generator, with {@link withByteOrderCollation} applied to every statement. */
export class ReadModelMigrationGenerator extends TSMigrationGenerator {
  override createStatement(sql: string, padLeft: number): string {
    return super.createStatement(withByteOrderCollation(sql), padLeft);
  }
}
