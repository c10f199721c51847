import { TestApp } from '../support/api';
import { discardReadModels } from '../support/read-model-backend';
import { CLAIM_FIELDS, evidenceInput, fileClaimInput, mutation } from '../support/documents';
import { expectTimeTravelToMatchEveryClaim } from '../support/time-travel';

const EVERYTHING = `{ claims(first: 100) { totalCount edges { cursor node { ${CLAIM_FIELDS} } } } }`;

describe('restarting on the same data directory', () => {
  let app: TestApp;
  let agent: string;

  beforeAll(async () => {
    app = await TestApp.start();
    const buyer = await app.token('claimant', 'buyer-restart');
    agent = await app.token('agent', 'agent-restart');
    for (let n = 0; n < 5; n++) {
      const filed = await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput({ description: `第 ${n} 次掉线` }) });
      const id = filed.data!.fileClaim.claim.id;
      await app.gql(buyer, mutation('addEvidence'), { input: evidenceInput(id) });
      if (n % 2 === 0) await app.gql(agent, mutation('assignClaim'), { input: { claimId: id, agentId: 'agent-restart' } });
    }
  });
  afterAll(() => app.stop(true));

  it('loses nothing: every claim answers as before, and the tokens still work', async () => {
    const before = await app.gql(agent, EVERYTHING);
    expect(before.data!.claims.totalCount).toBe(5);
    await app.restart();
    expect(await app.gql(agent, EVERYTHING)).toEqual(before);
  });

  it('rebuilds deleted read models (the SQLite file, or the PostgreSQL database) from the event store to the same answers', async () => {
    const before = await app.gql(agent, EVERYTHING);
    await app.stop();
    await discardReadModels(app.config);
    await app.restart();
    await waitFor(async () => (await app.gql(agent, EVERYTHING)).data!.claims.totalCount === 5);
    expect(await app.gql(agent, EVERYTHING)).toEqual(before);
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBeGreaterThan(0);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting for the read model');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
