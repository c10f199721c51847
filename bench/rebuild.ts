import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore } from '../infra/event-store/sqlite-event-store';
import { rebuildProjections, type RebuildPhase } from '../infra/projections/rebuild';
import { openReadModelsForRebuild } from '../infra/projections/rebuild-database';
import { rebuildDisplay } from '../infra/projections/rebuild-progress';
import { ProjectionRunner } from '../infra/projections/runner';
import { allProjections } from '../projections';
import type { EventStore } from '../services/event-store';
import { upcastingEventStore } from '../services/upcasting/upcasting-event-store';
import { COMMANDS_PER_CLAIM } from './claim-scripts';
import { benchEnvironment } from './environment';
import { ensureEventFile } from './generate-events';
import { RssSampler } from './memory';
import { printTable, writeResults } from './results';

/**
 * A full rebuild of every read model from 1,000,000 events (100,000 claims × 10, made by the claim
 * decider), as `recourse projections rebuild` runs it, over read models the live runner has built
 * (so the switch drops real tables). Settings: BENCH_CLAIMS (100000), BENCH_BATCH (rebuild batch,
 * 5000), BENCH_DIR (bench/data; the event file is reused between runs), BENCH_LIVE=0 to skip
 * building the live tables first (and timing the live runner's replay).
 */
export async function main(): Promise<void> {
  const claims = Number(process.env.BENCH_CLAIMS ?? 100_000);
  const batchSize = Number(process.env.BENCH_BATCH ?? 5_000);
  const dir = path.resolve(process.env.BENCH_DIR ?? path.join('bench', 'data'));
  mkdirSync(dir, { recursive: true });
  const eventsPath = path.join(dir, `events-${claims}-claims.sqlite`);
  const readPath = path.join(dir, 'rebuild-read-models.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${readPath}${suffix}`, { force: true });

  const generation = await generate(eventsPath, claims);
  const store = upcastingEventStore(openSqliteEventStore({ path: eventsPath }));
  const orm = await openReadModelsForRebuild({ path: readPath });
  try {
    const live = process.env.BENCH_LIVE === '0' ? null : await liveReplay(store, orm);
    const rebuild = await timedRebuild(store, orm, batchSize);
    const rows = await rowCounts(orm);
    const results = {
      benchmark: 'rebuild',
      measuredAt: new Date().toISOString(),
      environment: benchEnvironment(),
      data: { claims, events: claims * COMMANDS_PER_CLAIM, eventFileMb: fileMb(eventsPath), readModelFileMb: fileMb(readPath), rows },
      generation,
      liveReplay: live,
      rebuild: { batchSize, ...rebuild },
    };
    printTable(results);
    writeResults('rebuild', results);
  } finally {
    await orm.close();
    await store.close();
  }
}

async function generate(eventsPath: string, claims: number) {
  const started = performance.now();
  const generated = await ensureEventFile(eventsPath, claims, (events) => {
    if (events % 100_000 === 0) process.stderr.write(`generating events: ${events}\n`);
  });
  const seconds = (performance.now() - started) / 1000;
  const events = claims * COMMANDS_PER_CLAIM;
  return generated ? { generated, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds) } : { generated, reused: eventsPath };
}

/** The live runner's replay from position 0 with its default batch size: the tables a rebuild replaces. */
async function liveReplay(store: EventStore, orm: MikroORM) {
  process.stderr.write('live runner: replaying from position 0 (batch 500)…\n');
  const memory = new RssSampler();
  memory.start();
  const started = performance.now();
  await new ProjectionRunner({ store, orm, projections: allProjections }).catchUp();
  const seconds = (performance.now() - started) / 1000;
  const events = Number(await store.headPosition());
  return { batchSize: 500, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds), peakRssMb: memory.stop() };
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
  const events = Number(result.position - result.startedAt);
  const phase = (from: RebuildPhase, to: RebuildPhase) => round(((phaseStarts.get(to) ?? 0) - (phaseStarts.get(from) ?? 0)) / 1000);
  return {
    outcome: result.outcome,
    seconds: round(seconds),
    eventsPerSecond: Math.round(events / seconds),
    phases: { loadingSeconds: phase('loading', 'indexing'), indexingSeconds: phase('indexing', 'switching'), switchSeconds: phase('switching', 'switched') },
    peakRssMb: memory.stop(),
    rssMbAtEachTenth: rssByTenth,
  };
}

async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const connection = orm.em.fork().getConnection();
  const count = async (table: string) => Number(((await connection.execute(`select count(*) as n from ${table}`)) as Array<{ n: number }>)[0].n);
  return { claim_summary: await count('claim_summary'), claim_evidence: await count('claim_evidence') };
}

/** The file and its write-ahead log, in MB. */
function fileMb(file: string): number {
  const bytes = [file, `${file}-wal`].reduce((sum, part) => sum + (existsSync(part) ? statSync(part).size : 0), 0);
  return round(bytes / 1024 / 1024);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
