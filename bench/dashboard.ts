import path from 'node:path';
import { countDashboardStatements } from './dashboard-statements';
import { freshDashboardData } from './dashboard-data';
import { benchEnvironment } from './environment';
import { benchEventFile } from './event-file';
import { ClaimLives } from './load/claim-lives';
import { DASHBOARD_QUERY, DASHBOARD_VIEWS } from './load/dashboard-queries';
import { GraphQLClient } from './load/graphql-client';
import { LatencyRecorder } from './load/latency';
import { runOpenLoop } from './load/open-loop';
import { processesCpuSeconds, processTree } from './process-cpu';
import { seededRandom } from './random';
import { printTable, writeResults } from './results';
import { startServerProcess, waitForWorkers, type ServerProcess } from './server-process';
import { numberSetting, profileArgs } from './settings';
import { issueTokens, type BenchToken } from './tokens';

/**
 * The support dashboard: `claims` (first page of 50, with evidence, under six realistic filters)
 * at 100,000 claims, at a constant rate, while claims are filed, get evidence and are resolved in
 * the background. Also counts each request's SQL statements. Settings: BENCH_CLAIMS (100000),
 * BENCH_QUERY_RATE (10/s: fifty agents refreshing every five seconds), BENCH_BACKGROUND_RATE (100 mutations/s), BENCH_SECONDS (30),
 * BENCH_WARMUP (5), BENCH_ALONE (300: pages sent one at a time afterwards, nothing else running,
 * for the server's CPU time per page), BENCH_PROFILE=1.
 */
export async function main(): Promise<void> {
  const file = await benchEventFile();
  const dataDir = path.resolve(process.env.BENCH_DIR ?? path.join('bench', 'data'), 'dashboard');
  await freshDashboardData(file, dataDir);
  const eventStorePath = path.join(dataDir, 'events.sqlite');
  const [agent] = await issueTokens(eventStorePath, 'supervisor', ['supervisor-bench']);
  const claimants = await issueTokens(eventStorePath, 'claimant', Array.from({ length: 200 }, (_, i) => `buyer-dash-${i}`));
  const agents = await issueTokens(eventStorePath, 'agent', ['agent-dash-1', 'agent-dash-2']);
  const statements = await countDashboardStatements(dataDir, agent.token);

  const environment = benchEnvironment();
  // The background's two agents resolve 25 claims/s: far above the default per-token limit of 60 a minute.
  // BENCH_WORKERS=N: `serve --workers N` (README, "Running in production"); CPU is then the primary's and its workers'.
  const workers = numberSetting('BENCH_WORKERS', 1);
  const command = ['serve', ...(workers > 1 ? ['--workers', String(workers)] : [])];
  const server = await startServerProcess({ dataDir, command, nodeArgs: profileArgs('dashboard'), env: { MUTATIONS_PER_MINUTE: '1000000' } });
  if (workers > 1) await waitForWorkers(server, workers);
  let measured;
  try {
    const settledSeconds = await untilIdle(server);
    process.stderr.write(`dashboard: the server settled ${settledSeconds} s after it was ready\n`);
    measured = await measure(server, agent, new ClaimLives(seededRandom(11), claimants, agents, 'D'));
    measured = { settledSeconds, ...measured, alone: await measureAlone(server, agent) };
  } finally {
    await server.stop();
  }
  const results = {
    benchmark: 'dashboard',
    workers,
    measuredAt: new Date().toISOString(),
    environment,
    data: { claims: file.claims, events: file.events },
    sqlStatementsPerRequest: { byViewForFirst1And50: statements, max: Math.max(...Object.values(statements).flat()) },
    ...measured,
  };
  printTable(results);
  writeResults('dashboard', results);
}

async function measure(server: ServerProcess, reader: BenchToken, lives: ClaimLives) {
  const queryRate = numberSetting('BENCH_QUERY_RATE', 10);
  const backgroundRate = numberSetting('BENCH_BACKGROUND_RATE', 100);
  const seconds = numberSetting('BENCH_SECONDS', 30);
  const warmupSeconds = numberSetting('BENCH_WARMUP', 5);
  const queries = new GraphQLClient(server.url, 32);
  const commands = new GraphQLClient(server.url, 64);
  const random = seededRandom(3);
  const byView = new Map(DASHBOARD_VIEWS.map((view) => [view.name, new LatencyRecorder()]));
  process.stderr.write(`dashboard: ${queryRate} pages/s with ${backgroundRate} mutations/s behind, ${warmupSeconds} + ${seconds} s…\n`);
  const cpuBefore = processesCpuSeconds(processTree(server.pid));
  const [pages, background] = await Promise.all([
    runOpenLoop({
      rate: queryRate,
      seconds,
      warmupSeconds,
      send: async (n) => {
        const view = DASHBOARD_VIEWS[n % DASHBOARD_VIEWS.length];
        const started = performance.now();
        await queries.post(reader.token, DASHBOARD_QUERY, { filter: view.filter(random) });
        byView.get(view.name)!.record(performance.now() - started);
      },
    }),
    runOpenLoop({
      rate: backgroundRate,
      seconds,
      warmupSeconds,
      send: async () => {
        const { mutation, answered } = lives.next();
        await commands.post(mutation.token, mutation.query, mutation.variables);
        answered();
      },
    }),
  ]);
  const cpuAfter = processesCpuSeconds(processTree(server.pid));
  queries.close();
  commands.close();
  const { latencyMs, throughput, failed, firstErrors } = background;
  return {
    pages,
    /** From send to answer, by view (warm-up included). */
    pageMsByView: Object.fromEntries([...byView].map(([name, recorder]) => [name, recorder.summary()])),
    background: { rate: backgroundRate, throughput, failed, firstErrors, latencyMs },
    serverCpuCores: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / (seconds + warmupSeconds)) * 100) / 100,
  };
}

/**
 * Pages one at a time with nothing else sent (the background commands have stopped): the server's
 * CPU time per page, which depends far less than latency on what else runs on the machine.
 */
async function measureAlone(server: ServerProcess, reader: BenchToken) {
  const requests = numberSetting('BENCH_ALONE', 300);
  const client = new GraphQLClient(server.url, 1);
  const random = seededRandom(5);
  const byView = new Map(DASHBOARD_VIEWS.map((view) => [view.name, new LatencyRecorder()]));
  const cpuBefore = processesCpuSeconds(processTree(server.pid));
  for (let n = 0; n < requests; n++) {
    const view = DASHBOARD_VIEWS[n % DASHBOARD_VIEWS.length];
    const started = performance.now();
    await client.post(reader.token, DASHBOARD_QUERY, { filter: view.filter(random) });
    byView.get(view.name)!.record(performance.now() - started);
  }
  const cpuAfter = processesCpuSeconds(processTree(server.pid));
  client.close();
  const cpuMs = cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) * 1000 * 100) / requests) / 100;
  return {
    requests,
    serverCpuMsPerPage: cpuMs,
    pageMsByView: Object.fromEntries([...byView].map(([name, recorder]) => [name, recorder.summary()])),
  };
}

/**
 * Waits until the server uses less than a tenth of a core over a second (at most two minutes), and
 * resolves the seconds it took. At start, the server's background readers catch up with the
 * 1,000,000-event store (the collective fan-out reads it from the start): measured meanwhile, the
 * pages would wait for that, not for their own work.
 */
async function untilIdle(server: ServerProcess): Promise<number> {
  const started = performance.now();
  let before = processesCpuSeconds(processTree(server.pid));
  while (before !== null && performance.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = processesCpuSeconds(processTree(server.pid));
    if (now === null || now - before < 0.1) break;
    before = now;
  }
  return Math.round((performance.now() - started) / 100) / 10;
}
