import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { openSqliteEventStore } from '../infra/event-store/sqlite-event-store';
import { openReadModelsForRebuild } from '../infra/projections/rebuild-database';
import { ProjectionRunner } from '../infra/projections/runner';
import { allProjections } from '../projections';
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
  // v2: events in the order they happen (claims interleaved as in a live store), not claim window by window.
  const eventsPath = path.join(dir, `events-${claims}-claims-v2.sqlite`);
  const readPath = path.join(dir, 'rebuild-read-models.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${readPath}${suffix}`, { force: true });

  const generation = await generate(eventsPath, claims);
  const live = process.env.BENCH_LIVE === '0' ? null : await liveReplay(eventsPath, readPath);
  const environment = benchEnvironment();
  const { rows, ...rebuild } = await rebuildInChild(eventsPath, readPath, batchSize);
  const results = {
    benchmark: 'rebuild',
    measuredAt: new Date().toISOString(),
    environment,
    data: { claims, events: claims * COMMANDS_PER_CLAIM, eventFileMb: fileMb(eventsPath), readModelFileMb: fileMb(readPath), rows },
    generation,
    liveReplay: live,
    rebuild: { batchSize, ...rebuild },
  };
  printTable(results);
  writeResults('rebuild', results);
}

/** Runs `rebuild-child.js` (the rebuild in a process of its own) and resolves the figures it prints. */
export async function rebuildInChild(eventsPath: string, readPath: string, batchSize: number): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [path.join(__dirname, 'rebuild-child.js'), eventsPath, readPath, String(batchSize)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`the rebuild child failed (${code})`);
  return JSON.parse(stdout) as Record<string, unknown>;
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
async function liveReplay(eventsPath: string, readPath: string) {
  process.stderr.write('live runner: replaying from position 0 (batch 500)…\n');
  const store = upcastingEventStore(openSqliteEventStore({ path: eventsPath }));
  const orm = await openReadModelsForRebuild({ path: readPath });
  try {
    const memory = new RssSampler();
    memory.start();
    const started = performance.now();
    await new ProjectionRunner({ store, orm, projections: allProjections }).catchUp();
    const seconds = (performance.now() - started) / 1000;
    const events = Number(await store.headPosition());
    return { batchSize: 500, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds), peakRssMb: memory.stop() };
  } finally {
    await orm.close();
    await store.close();
  }
}

/** The file and its write-ahead log, in MB. */
function fileMb(file: string): number {
  const bytes = [file, `${file}-wal`].reduce((sum, part) => sum + (existsSync(part) ? statSync(part).size : 0), 0);
  return round(bytes / 1024 / 1024);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
