import { TestApp, codes } from '../support/api';
import { CLAIM_QUERY, evidenceInput, fileClaimInput, mutation } from '../support/documents';
import { expectTimeTravelToMatchEveryClaim } from '../support/time-travel';

describe('repeated and concurrent commands', () => {
  let app: TestApp;
  let buyer: string;
  let agent: string;

  beforeAll(async () => {
    app = await TestApp.start();
    buyer = await app.token('claimant', 'buyer-zhang');
    agent = await app.token('agent', 'agent-chen');
  });
  afterAll(() => app.stop(true));

  const file = (input: Record<string, unknown>, token = buyer) => app.gql(token, mutation('fileClaim'), { input });
  const addEvidence = (input: Record<string, unknown>) => app.gql(buyer, mutation('addEvidence'), { input });
  const history = async (id: string) => (await app.gql(agent, CLAIM_QUERY, { id })).data!.claim.history as unknown[];

  it('answers an idempotency key sent 20 times at once exactly as the first time, appending once', async () => {
    const input = fileClaimInput({ idempotencyKey: 'file-once-并发' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => file(input)));
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const first = answers[0].data!.fileClaim;
    for (const answer of answers) {
      expect(answer.data!.fileClaim.events).toEqual(first.events);
      expect(answer.data!.fileClaim.position).toBe(first.position);
      expect(answer.data!.fileClaim.claim.id).toBe(first.claim.id);
    }
    expect(await history(first.claim.id)).toHaveLength(1);

    const evidence = evidenceInput(first.claim.id, { idempotencyKey: 'evidence-once' });
    const evidenceAnswers = await Promise.all(Array.from({ length: 20 }, () => addEvidence(evidence)));
    const firstEvidence = evidenceAnswers[0].data!.addEvidence;
    for (const answer of evidenceAnswers) expect(answer.data!.addEvidence.events).toEqual(firstEvidence.events);
    expect(await history(first.claim.id)).toHaveLength(2);
    expect(firstEvidence.claim.evidence).toHaveLength(1);
  });

  it('refuses an idempotency key reused with a different request, appending nothing', async () => {
    const filed = (await file(fileClaimInput({ idempotencyKey: 'key-reuse' }))).data!.fileClaim;
    const reused = await file(fileClaimInput({ idempotencyKey: 'key-reuse' }));
    expect(codes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const onAnotherCommand = await addEvidence(evidenceInput(filed.claim.id, { idempotencyKey: 'key-reuse' }));
    expect(codes(onAnotherCommand)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await history(filed.claim.id)).toHaveLength(1);
  });

  it('keeps idempotency keys per caller: another caller may use the same key', async () => {
    const other = await app.token('claimant', 'buyer-other');
    const mine = await file(fileClaimInput({ idempotencyKey: 'shared-key' }));
    const theirs = await file(fileClaimInput({ idempotencyKey: 'shared-key' }), other);
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.fileClaim.claim.id).not.toBe(mine.data!.fileClaim.claim.id);
  });

  it('answers CONFLICT with the current revision when expectedRevision is stale, and appends nothing', async () => {
    const id = (await file(fileClaimInput())).data!.fileClaim.claim.id;
    expect((await addEvidence(evidenceInput(id, { expectedRevision: 0 }))).errors).toBeUndefined();
    const stale = await addEvidence(evidenceInput(id, { expectedRevision: 0 }));
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions!.currentRevision).toBe(1);
    expect(await history(id)).toHaveLength(2);
  });

  it('retries concurrent commands without expectedRevision so that none is lost', async () => {
    const id = (await file(fileClaimInput())).data!.fileClaim.claim.id;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => addEvidence(evidenceInput(id, { description: `证据 ${n}` }))));
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const events = (await history(id)) as { revision: number }[];
    expect(events.map((event) => event.revision)).toEqual([...Array(11).keys()]);
  });

  it('lets exactly one of 10 racing filings for the same order win; the others answer DUPLICATE_CLAIM', async () => {
    const orderReference = `KM-RACE-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => file(fileClaimInput({ orderReference }))));
    const won = answers.filter((answer) => !answer.errors);
    expect(won).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors).map((answer) => codes(answer)[0])).toEqual(
      Array(9).fill('DUPLICATE_CLAIM'),
    );
    const list = await app.gql(agent, `{ claims(filter: { claimantId: "buyer-zhang" }, first: 100) { edges { node { orderReference } } } }`);
    const sameOrder = list.data!.claims.edges.filter((edge: any) => edge.node.orderReference === orderReference);
    expect(sameOrder).toHaveLength(1);
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBeGreaterThan(0);
  });
});
