import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { benchEnvironment } from './environment';
import { ClaimLives } from './load/claim-lives';
import { GraphQLClient } from './load/graphql-client';
import { LatencyRecorder } from './load/latency';
import { runOpenLoop, type OpenLoopResult } from './load/open-loop';
import { processCpuSeconds, processesCpuSeconds, processRssMb, processTree } from './process-cpu';
import { seededRandom } from './random';
import { printTable, writeResults } from './results';
import { startServerProcess, waitForWorkers, type ServerProcess } from './server-process';
import { numberListSetting, numberSetting, profileArgs } from './settings';
import { issueTokens } from './tokens';

/**
 * GraphQL mutations over HTTP at a constant arrival rate: a server as `recourse serve` runs it (SQLite
 * event store, `synchronous=FULL`; SQLite read models; projections in the process), the load
 * generator in this process on the same machine. Settings: BENCH_RATES (mutations/s, comma-separated;
 * 2000), BENCH_SECONDS (30), BENCH_WARMUP (5 s), BENCH_CONNECTIONS (128), BENCH_PROJECTOR=separate,
 * BENCH_WORKERS (1: `serve --workers N` when more), BENCH_PROFILE=1.
 */
export async function main(): Promise<void> {
  const rates = numberListSetting('BENCH_RATES', [2_000]);
  const seconds = numberSetting('BENCH_SECONDS', 30);
  const warmupSeconds = numberSetting('BENCH_WARMUP', 5);
  const connections = numberSetting('BENCH_CONNECTIONS', 128);
  const dataDir = path.resolve(process.env.BENCH_DIR ?? path.join('bench', 'data'), 'commands');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const eventStorePath = path.join(dataDir, 'events.sqlite');
  const claimants = await issueTokens(eventStorePath, 'claimant', Array.from({ length: 500 }, (_, i) => `buyer-bench-${i}`));
  const agents = await issueTokens(eventStorePath, 'agent', Array.from({ length: 20 }, (_, i) => `agent-bench-${i}`));
  // BENCH_PROJECTOR=separate: the projections in a process of their own (`recourse project`), the
  // API with `serve --no-projections`, as README's "Separate projector" describes.
  const separate = process.env.BENCH_PROJECTOR === 'separate';
  const projector = separate ? await startServerProcess({ dataDir, command: ['project'], nodeArgs: profileArgs('projector') }) : null;
  // BENCH_WORKERS=N: `serve --workers N` (README, "Running in production"); the server's CPU is then the primary's and its workers'.
  const workers = numberSetting('BENCH_WORKERS', 1);
  const command = [...(separate ? ['serve', '--no-projections'] : ['serve']), ...(workers > 1 ? ['--workers', String(workers)] : [])];
  // The claimants' tokens send more than the default 60 mutations a minute each at the higher rates:
  // the limiter still runs on every mutation, with a limit the load never reaches.
  const env = { MUTATIONS_PER_MINUTE: '1000000' };
  const server = await startServerProcess({ dataDir, command, env, nodeArgs: profileArgs('commands') });
  if (workers > 1) await waitForWorkers(server, workers);
  const environment = benchEnvironment();
  const runs = [];
  try {
    for (const rate of rates) {
      const lives = new ClaimLives(seededRandom(rate), claimants, agents, `R${rate}`);
      runs.push(await measure(server, lives, { rate, seconds, warmupSeconds, connections }, projector));
    }
  } finally {
    await server.stop();
    await projector?.stop();
  }
  const results = {
    benchmark: 'commands',
    measuredAt: new Date().toISOString(),
    environment,
    setup: {
      eventStore: 'sqlite (WAL, synchronous=FULL)',
      readModels: 'sqlite',
      projections: separate ? 'in a process of their own (recourse project)' : 'in the server process',
      workers,
      connections,
      warmupSeconds,
    },
    runs,
  };
  printTable(results);
  writeResults('commands', results);
}

interface RunSettings {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

async function measure(server: ServerProcess, lives: ClaimLives, settings: RunSettings, projector: ServerProcess | null) {
  process.stderr.write(`commands: ${settings.rate} mutations/s for ${settings.warmupSeconds} + ${settings.seconds} s…\n`);
  const client = new GraphQLClient(server.url, settings.connections);
  const byKind = new Map<string, LatencyRecorder>();
  const lag = sampleLag(server.url.replace(/\/graphql$/, '/readyz'));
  const serverPids = processTree(server.pid);
  const cpuBefore = processesCpuSeconds(serverPids);
  const projectorCpuBefore = projector && processCpuSeconds(projector.pid);
  const wallBefore = performance.now();
  const result: OpenLoopResult = await runOpenLoop({
    ...settings,
    send: async () => {
      const { mutation, answered } = lives.next();
      const started = performance.now();
      await client.post(mutation.token, mutation.query, mutation.variables);
      answered();
      recorderOf(byKind, mutation.kind).record(performance.now() - started);
    },
  });
  const cpuAfter = processesCpuSeconds(serverPids);
  const projectorCpuAfter = projector && processCpuSeconds(projector.pid);
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  client.close();
  const lagSamples = lag.stop();
  const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return {
    ...result,
    serverCpuCores: cpuSeconds === null ? null : Math.round((cpuSeconds / wallSeconds) * 100) / 100,
    /** The server's CPU time per mutation answered (warm-up included): what the code costs, whatever else runs on the machine. */
    serverCpuMsPerMutation: cpuSeconds === null ? null : Math.round((cpuSeconds * 1000 * 100) / (result.rateAsked * (settings.seconds + settings.warmupSeconds))) / 100,
    projectorCpuCores: projectorCpuBefore == null || projectorCpuAfter == null ? null : Math.round(((projectorCpuAfter - projectorCpuBefore) / wallSeconds) * 100) / 100,
    serverRssMb: serverPids.reduce((sum, pid) => sum + (processRssMb(pid) ?? 0), 0),
    /** Events appended but not yet projected (/readyz), sampled every second: the read side keeping up or not. */
    projectionLag: { max: Math.max(0, ...lagSamples), last: lagSamples.at(-1) ?? null },
    /** From send to answer (not from the scheduled time), by mutation, warm-up included. */
    serviceMsByMutation: Object.fromEntries([...byKind].map(([kind, recorder]) => [kind, recorder.summary()])),
  };
}

function recorderOf(byKind: Map<string, LatencyRecorder>, kind: string): LatencyRecorder {
  let recorder = byKind.get(kind);
  if (!recorder) byKind.set(kind, (recorder = new LatencyRecorder()));
  return recorder;
}

/** Samples /readyz's `lag` every second until stopped. */
function sampleLag(url: string): { stop(): number[] } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    fetch(url)
      .then((res) => res.json() as Promise<{ lag?: number }>)
      .then((body) => typeof body.lag === 'number' && samples.push(body.lag))
      .catch(() => undefined);
  }, 1_000);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}
