import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../infra/config';
import { openEventStore } from '../../infra/main';
import { issueToken } from '../../services/tokens';
import { evidenceInput, fileClaimInput, mutation } from '../support/documents';
import { RecourseProcess } from '../support/processes';
import { readModelEnv } from '../support/read-model-backend';

/**
 * Production shape on one machine: two API processes that do not project, and two projector
 * processes started (one by mistake) on the same stores. One projector works, the other waits;
 * mutation answers still show their own writes; a killed projector is replaced by the waiting one.
 */
describe('two API processes and projectors in separate processes', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'recourse-multi-'));
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PROJECTOR_LEASE_MS: '1500', EVENT_POLL_MS: '20', ...(await readModelEnv(dataDir)) };
  });
  const processes: RecourseProcess[] = [];
  const start = (args: string[]) => {
    const started = RecourseProcess.start(args, env);
    processes.push(started);
    return started;
  };

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function tokenFor(subject: string): Promise<string> {
    const store = openEventStore(loadConfig(env));
    const { token } = await issueToken(store, { role: 'claimant', subject }, { newId: randomUUID, clock: () => new Date() });
    await store.close();
    return token;
  }

  async function gql(url: string, token: string, name: 'fileClaim' | 'addEvidence', input: Record<string, unknown>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: mutation(name), variables: { input } }),
    });
    const answer = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    return answer.data![name];
  }

  it('projects in exactly one projector, answers mutations with their own writes, and fails over', async () => {
    const first = start(['project']);
    await first.untilMessage('projector lease taken: projecting');
    const second = start(['project']);
    await second.untilMessage('another projector holds the lease: waiting');
    const apis = [start(['serve', '--no-projections']), start(['serve', '--no-projections'])];
    const urls = await Promise.all(apis.map(async (api) => (await api.untilMessage('recourse is serving')).url as string));

    const buyer = await tokenFor('buyer-multi');
    for (let n = 0; n < 10; n++) {
      const filed = await gql(urls[n % 2], buyer, 'fileClaim', fileClaimInput({ description: `第 ${n} 单掉线` }));
      expect(filed.claim.status).toBe('FILED');
      const added = await gql(urls[(n + 1) % 2], buyer, 'addEvidence', evidenceInput(filed.claim.id));
      expect(added.claim.evidence).toHaveLength(1);
    }
    expect(second.messages()).not.toContain('projector lease taken: projecting');

    await first.stop('SIGKILL');
    await second.untilMessage('projector lease taken: projecting', 10_000);
    const afterFailover = await gql(urls[0], buyer, 'fileClaim', fileClaimInput());
    expect(afterFailover.claim.evidence).toEqual([]);
    expect(afterFailover.claim.revision).toBe(0);

    const list = await fetch(urls[1], {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` },
      body: JSON.stringify({ query: '{ claims(first: 100) { totalCount edges { node { evidence { id } } } } }' }),
    });
    const { data } = (await list.json()) as { data: { claims: { totalCount: number; edges: { node: { evidence: unknown[] } }[] } } };
    expect(data.claims.totalCount).toBe(11);
    expect(data.claims.edges.map((edge) => edge.node.evidence.length).sort()).toEqual([0, ...Array(10).fill(1)]);
  });
});
