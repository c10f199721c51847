import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../infra/config';
import { openEventStore } from '../../infra/main';
import { issueToken } from '../../services/tokens';
import { evidenceInput, fileClaimInput, mutation } from '../support/documents';
import { RecourseProcess } from '../support/processes';
import { readModelEnv } from '../support/read-model-backend';

type Answer = { data?: Record<string, any>; errors?: unknown[] };

/** A POST on a connection of its own: node:cluster hands each new connection to the next worker. */
function post(url: string, token: string, body: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text) as Answer));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * `serve --workers 2`: two processes behind one port, one of them projecting. Polls are made slow
 * here (EVENT_POLL_MS, the runner's own 500 ms), so answers that came at poll speed would show:
 * the workers must tell each other of their appends and of the projector's progress.
 */
describe('serve --workers 2', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'recourse-cluster-'));
  let env: Record<string, string>;
  let primary: RecourseProcess;
  let url: string;

  beforeAll(async () => {
    env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PROJECTOR_LEASE_MS: '1500', EVENT_POLL_MS: '5000', ...(await readModelEnv(dataDir)) };
    primary = RecourseProcess.start(['serve', '--workers', '2'], env);
    await primary.until((line) => line.msg === 'recourse is serving' && primary.seen.filter((l) => l.msg === 'recourse is serving').length === 2);
    url = (await primary.untilMessage('recourse is serving')).url as string;
  });

  afterAll(async () => {
    await primary.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function claimantToken(): Promise<string> {
    const store = openEventStore(loadConfig(env));
    const { token } = await issueToken(store, { role: 'claimant', subject: `buyer-${randomUUID()}` }, { newId: randomUUID, clock: () => new Date() });
    await store.close();
    return token;
  }

  /** Files claims and adds evidence, each on a new connection; resolves each answer's time, ms. */
  async function fileAndAddEvidence(token: string, claims: number): Promise<number[]> {
    const times: number[] = [];
    for (let n = 0; n < claims; n++) {
      let started = performance.now();
      const filed = await post(url, token, { query: mutation('fileClaim'), variables: { input: fileClaimInput({ description: `第 ${n} 单` }) } });
      times.push(performance.now() - started);
      expect(filed.errors).toBeUndefined();
      expect(filed.data!.fileClaim.claim.status).toBe('FILED');
      started = performance.now();
      const added = await post(url, token, { query: mutation('addEvidence'), variables: { input: evidenceInput(filed.data!.fileClaim.claim.id) } });
      times.push(performance.now() - started);
      expect(added.errors).toBeUndefined();
      expect(added.data!.addEvidence.claim.evidence).toHaveLength(1);
    }
    return times;
  }

  const servingPids = () => new Set(primary.seen.filter((line) => line.msg === 'recourse is serving').map((line) => line.pid));

  it('serves from two processes, exactly one projecting, each answering with its own writes without waiting for a poll', async () => {
    const token = await claimantToken();
    const times = await fileAndAddEvidence(token, 10);

    expect(servingPids().size).toBe(2);
    const requestPids = new Set(primary.seen.filter((line) => line.msg === 'request').map((line) => line.pid));
    expect(requestPids).toEqual(servingPids());
    expect(primary.seen.filter((line) => line.msg === 'projector lease taken: projecting')).toHaveLength(1);
    // Half the answers come from the worker that does not project: at poll speed their median would be ~250 ms.
    const median = [...times].sort((a, b) => a - b)[times.length / 2];
    expect(median).toBeLessThan(150);
  });

  it('starts a worker again when one dies, and the survivor takes over projecting', async () => {
    const projecting = primary.seen.find((line) => line.msg === 'projector lease taken: projecting')!.pid as number;
    process.kill(projecting, 'SIGKILL');
    await primary.untilMessage('a worker exited; starting another');
    await primary.until(() => servingPids().size === 3);
    await primary.until((line) => line.msg === 'projector lease taken: projecting' && line.pid !== projecting, 10_000);

    await fileAndAddEvidence(await claimantToken(), 3);
  });

  it('stops every worker cleanly on SIGTERM', async () => {
    const pids = [...servingPids()] as number[];
    expect(await primary.stop('SIGTERM')).toBe(0);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
