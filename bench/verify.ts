import { statSync } from 'node:fs';
import { auditThreads } from '../infra/audit/verify-sqlite';
import { verifyAllClaims } from '../infra/audit/verify-store';
import { openSqliteEventStore } from '../infra/event-store/sqlite-event-store';
import { benchEnvironment } from './environment';
import { benchEventFile } from './event-file';
import { RssSampler } from './memory';
import { printTable, writeResults } from './results';
import { numberSetting } from './settings';

/**
 * Hash-chain verification of the whole store, as `recourse audit verify` runs it (the raw store:
 * events as stored; every claim's chain recomputed, SHA-256 over canonical JSON), over the shared
 * 1,000,000-event file. Settings: BENCH_CLAIMS (100000), BENCH_RUNS (3: the figures of each run),
 * BENCH_THREADS (worker threads; default as the CLI chooses: one per core, at most 4).
 */
export async function main(): Promise<void> {
  const file = await benchEventFile();
  const runs = [];
  const environment = benchEnvironment();
  for (let run = 0; run < numberSetting('BENCH_RUNS', 3); run++) {
    process.stderr.write(`verify: run ${run + 1}…\n`);
    runs.push(await verifyOnce(file.path));
  }
  const results = {
    benchmark: 'verify',
    measuredAt: new Date().toISOString(),
    environment,
    data: { claims: file.claims, events: file.events, eventFileMb: Math.round(statSync(file.path).size / 1024 / 102.4) / 10 },
    generatedSeconds: file.generatedSeconds,
    runs,
    bestEventsPerSecond: Math.max(...runs.map((run) => run.eventsPerSecond)),
  };
  printTable(results);
  writeResults('verify', results);
}

async function verifyOnce(path: string) {
  const store = openSqliteEventStore({ path });
  const memory = new RssSampler();
  memory.start();
  const cpu = process.cpuUsage();
  try {
    const threads = auditThreads(numberSetting('BENCH_THREADS', 0) || 'auto', await store.headPosition());
    const { summary } = await verifyAllClaims(store, { sqlitePath: path, threads });
    const { user, system } = process.cpuUsage(cpu);
    const cpuSeconds = (user + system) / 1e6;
    return {
      eventsChecked: summary.eventsChecked,
      claimsChecked: summary.claimsChecked,
      broken: summary.broken,
      seconds: Math.round(summary.seconds * 10) / 10,
      eventsPerSecond: summary.eventsPerSecond,
      threads,
      /** Events per second of CPU time (every thread's): what the code does per core, whatever else the machine runs. */
      eventsPerCpuSecond: Math.round(summary.eventsChecked / cpuSeconds),
      cpuSeconds: Math.round(cpuSeconds * 10) / 10,
      peakRssMb: memory.stop(),
    };
  } finally {
    await store.close();
  }
}
