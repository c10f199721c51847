import { DefaultLogger, type LogContext, type Logger, type LoggerOptions } from '@mikro-orm/core';

/**
 * Counts the SQL statements an ORM issues (MikroORM reports every statement to its logger,
 * whatever the debug setting). Tests use it to prove that a page costs a fixed number of statements.
 */
export interface StatementCounter {
  /** Statements since creation or the last `reset()`, including BEGIN/COMMIT. */
  readonly count: number;
  /** Their SQL, in order. */
  readonly statements: readonly string[];
  reset(): void;
  /** For MikroORM's `loggerFactory`: a logger that records each statement, then logs as usual. */
  loggerFactory(options: LoggerOptions): Logger;
}

/** A fresh counter; pass it to `openReadModels({ statementCounter })`. */
export function createStatementCounter(): StatementCounter {
  const statements: string[] = [];
  return {
    get count() {
      return statements.length;
    },
    get statements() {
      return statements;
    },
    reset() {
      statements.length = 0;
    },
    loggerFactory: (options) => new CountingLogger(options, (sql) => statements.push(sql)),
  };
}

class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly record: (sql: string) => void,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.record(context.query);
    super.logQuery(context);
  }
}
