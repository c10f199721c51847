/**
 * The measured part of the rebuild benchmark, in a process of its own as `recourse projections
 * rebuild` runs (so its memory is the rebuild's alone):
 *   node dist/bench/rebuild-child.js <events file> <read-model file> <batch size>
 * Rebuilds every read model, then prints its figures as one JSON object on stdout.
 */
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore } from '../infra/event-store/sqlite-event-store';
import { rebuildProjections, type RebuildPhase } from '../infra/projections/rebuild';
import { openReadModelsForRebuild } from '../infra/projections/rebuild-database';
import { rebuildDisplay } from '../infra/projections/rebuild-progress';
import { allProjections } from '../projections';
import type { EventStore } from '../services/event-store';
import { upcastingEventStore } from '../services/upcasting/upcasting-event-store';
import { RssSampler } from './memory';

async function main(eventsPath: string, readPath: string, batchSize: number): Promise<void> {
  const store = upcastingEventStore(openSqliteEventStore({ path: eventsPath }));
  const orm = await openReadModelsForRebuild({ path: readPath });
  try {
    const figures = await timedRebuild(store, orm, batchSize);
    process.stdout.write(`${JSON.stringify({ ...figures, rows: await rowCounts(orm) })}\n`);
  } finally {
    await orm.close();
    await store.close();
  }
}

async function timedRebuild(store: EventStore, orm: MikroORM, batchSize: number) {
  const memory = new RssSampler();
  const display = rebuildDisplay(process.stderr, 'rebuild');
  const phaseStarts = new Map<RebuildPhase, number>();
  const rssByTenth: number[] = [];
  memory.start();
  const started = performance.now();
  const result = await rebuildProjections({
    store,
    orm,
    projections: allProjections,
    batchSize,
    onProgress(progress) {
      if (!phaseStarts.has(progress.phase)) phaseStarts.set(progress.phase, performance.now());
      const tenth = progress.head > 0n ? Number((progress.position * 10n) / progress.head) : 10;
      while (rssByTenth.length < tenth) rssByTenth.push(memory.sample());
      display.update(progress);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  display.stop();
  const phase = (from: RebuildPhase, to: RebuildPhase) => round(((phaseStarts.get(to) ?? 0) - (phaseStarts.get(from) ?? 0)) / 1000);
  return {
    outcome: result.outcome,
    seconds: round(seconds),
    eventsPerSecond: Math.round(Number(result.position - result.startedAt) / seconds),
    phases: { loadingSeconds: phase('loading', 'indexing'), indexingSeconds: phase('indexing', 'switching'), switchSeconds: phase('switching', 'switched') },
    peakRssMb: memory.stop(),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssMbAtEachTenth: rssByTenth,
  };
}

async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const connection = orm.em.fork().getConnection();
  const count = async (table: string) => Number(((await connection.execute(`select count(*) as n from ${table}`)) as Array<{ n: number }>)[0].n);
  return { claim_summary: await count('claim_summary'), claim_evidence: await count('claim_evidence') };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (require.main === module) {
  const [eventsPath, readPath, batchSize] = process.argv.slice(2);
  main(eventsPath, readPath, Number(batchSize)).catch((error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = 1;
  });
}
