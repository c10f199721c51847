import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { benchEnvironment } from './environment';
import { GraphQLClient } from './load/graphql-client';
import { runOpenLoop } from './load/open-loop';
import { Subscribers, type Following } from './load/subscribers';
import { processCpuSeconds } from './process-cpu';
import { seededRandom } from './random';
import { printTable, writeResults } from './results';
import { startServerProcess } from './server-process';
import { numberSetting, profileArgs } from './settings';
import { issueTokens, type BenchToken } from './tokens';

const FILE = `mutation($i: FileClaimInput!) { fileClaim(input: $i) { claim { id } } }`;
const FOLLOW_UP = `mutation($i: FollowUpClaimInput!) { followUpClaim(input: $i) { position } }`;

/**
 * From an append to a graphql-ws subscriber receiving it: BENCH_SUBSCRIBERS (1000) connections,
 * each following one claim (a claimant's screen: `claimEvents(claimId)`), except BENCH_WATCH_ALL
 * (10) integrations that follow every claim event; BENCH_EVENT_RATE (100) events/s appended by
 * mutations (a claimant chasing an answer, 催促) on the followed claims. BENCH_SECONDS (30),
 * BENCH_WARMUP (5), BENCH_PROFILE=1.
 */
export async function main(): Promise<void> {
  const subscriberCount = numberSetting('BENCH_SUBSCRIBERS', 1_000);
  const watchAll = Math.min(subscriberCount, numberSetting('BENCH_WATCH_ALL', 10));
  const rate = numberSetting('BENCH_EVENT_RATE', 100);
  const seconds = numberSetting('BENCH_SECONDS', 30);
  const warmupSeconds = numberSetting('BENCH_WARMUP', 5);
  const dataDir = path.resolve(process.env.BENCH_DIR ?? path.join('bench', 'data'), 'subscribe');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const eventStorePath = path.join(dataDir, 'events.sqlite');
  const claimants = await issueTokens(eventStorePath, 'claimant', Array.from({ length: subscriberCount - watchAll }, (_, i) => `buyer-sub-${i}`));
  const integrations = await issueTokens(eventStorePath, 'integration', Array.from({ length: watchAll }, (_, i) => `crm-${i}`));

  const environment = benchEnvironment();
  // Random claims are chased more than a claimant may per hour (3 by default): the cap would refuse them.
  const env = { MAX_FOLLOW_UPS_PER_HOUR: '100', MUTATIONS_PER_MINUTE: '1000000' };
  const server = await startServerProcess({ dataDir, env, nodeArgs: profileArgs('subscribe') });
  const client = new GraphQLClient(server.url, 32);
  const subscribers = new Subscribers(server.url.replace(/^http/, 'ws'));
  let results;
  try {
    process.stderr.write(`subscribe: filing ${claimants.length} claims, connecting ${subscriberCount} subscribers…\n`);
    const claims = await fileClaims(client, claimants);
    const followings: Following[] = [
      ...claims.map(({ claimant, claimId }) => ({ token: claimant.token, claimId })),
      ...integrations.map(({ token }) => ({ token, claimId: null })),
    ];
    await subscribers.subscribe(followings);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    process.stderr.write(`subscribe: ${rate} events/s for ${warmupSeconds} + ${seconds} s…\n`);
    const random = seededRandom(5);
    subscribers.measureFrom = Date.now() + warmupSeconds * 1000;
    const cpuBefore = processCpuSeconds(server.pid);
    const appends = await runOpenLoop({
      rate,
      seconds,
      warmupSeconds,
      send: async () => {
        const { claimant, claimId } = random.pick(claims);
        await client.post(claimant.token, FOLLOW_UP, { i: { claimId, message: random.pick(FOLLOW_UPS) } });
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const cpuAfter = processCpuSeconds(server.pid);
    results = {
      benchmark: 'subscribe',
      measuredAt: new Date().toISOString(),
      environment,
      setup: { subscribers: subscriberCount, followingOneClaim: claims.length, followingEveryClaim: watchAll, eventsPerSecond: rate, seconds, warmupSeconds },
      appendToReceiveMs: subscribers.latency.summary(),
      // Each event goes to its claim's follower and to every integration; counted from the measured window on.
      deliveries: { received: subscribers.received, expected: (claims.length > 0 ? 1 : 0) * appends.completed + watchAll * appends.completed },
      subscriberErrors: subscribers.errors,
      appends: { throughput: appends.throughput, failed: appends.failed, latencyMs: appends.latencyMs, firstErrors: appends.firstErrors },
      serverCpuCores: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / (seconds + warmupSeconds + 1)) * 100) / 100,
    };
  } finally {
    await subscribers.close();
    client.close();
    await server.stop();
  }
  printTable(results);
  writeResults('subscribe', results);
}

const FOLLOW_UPS = ['已经超过48小时没有答复，请尽快处理', '请问我的申诉处理到哪一步了？', '再不处理我将向12315投诉'];

/** Files one claim per claimant, 32 at a time. */
async function fileClaims(client: GraphQLClient, claimants: readonly BenchToken[]) {
  const random = seededRandom(1);
  const claims: Array<{ claimant: BenchToken; claimId: string }> = [];
  for (let from = 0; from < claimants.length; from += 32) {
    await Promise.all(
      claimants.slice(from, from + 32).map(async (claimant) => {
        const claimId = random.uuid();
        const incidentAt = new Date(Date.now() - 3_600_000).toISOString();
        const input = {
          claimId, platformId: 'kameng-xingchen', orderReference: `KM-SUB-${claimId.slice(0, 8)}`, product: '腾讯视频VIP年卡',
          amountPaid: { amount: 25_800, currency: 'CNY' }, paidAt: incidentAt, incidentAt, description: '续费成功后会员时长没有增加，客服一直没有回复。',
          remedyRequested: { kind: 'FULL_REFUND' },
        };
        await client.post(claimant.token, FILE, { i: input });
        claims.push({ claimant, claimId });
      }),
    );
  }
  return claims;
}
