/**
 * A projector process for the crash-safety test, run as compiled JavaScript:
 *   node projection-child.js <events.db> <read.db> <batchSize> <spinMs>
 * Catches up from the SQLite event store into the read models, printing `begin`/`commit` as the
 * runner's transactions start and end (so the test can kill it inside one), then `caught-up <position>`.
 * Each event costs `spinMs` of busy CPU, which holds the transaction open long enough to be killed in.
 */
import { writeSync } from 'node:fs';
import { DefaultLogger, type LogContext } from '@mikro-orm/core';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { openReadModels } from '../../infra/database/read-models';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections, type AnyProjection } from '../../projections';

class TransactionTracer extends DefaultLogger {
  override logQuery(context: { query: string } & LogContext): void {
    // `begin` whether the transaction began with BEGIN (knex) or BEGIN IMMEDIATE (row-sql's own).
    const word = /^(begin|commit)/i.exec(context.query)?.[1];
    if (word) writeSync(1, `${word.toLowerCase()}\n`);
    super.logQuery(context);
  }
}

function slowed(projection: AnyProjection, spinMs: number): AnyProjection {
  return {
    ...projection,
    evolve: (row, event) => {
      const until = Date.now() + spinMs;
      while (Date.now() < until) {
        // Busy on purpose: the transaction stays open while the event is "worked on".
      }
      return projection.evolve(row, event);
    },
  };
}

async function main(): Promise<void> {
  const [eventsPath, readPath, batchSize, spinMs] = process.argv.slice(2);
  const store = openSqliteEventStore({ path: eventsPath });
  const orm = await openReadModels({ path: readPath, statementCounter: { loggerFactory: (options) => new TransactionTracer(options) } });
  const projections = allProjections.map((projection) => slowed(projection, Number(spinMs)));
  const runner = new ProjectionRunner({ store, orm, projections, batchSize: Number(batchSize) });
  const position = await runner.catchUp();
  writeSync(1, `caught-up ${position}\n`);
  await orm.close();
  await store.close();
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
