import { createStatementCounter } from '../../infra/database/statement-counter';
import { TestApp } from '../support/api';
import { evidenceInput, fileClaimInput, mutation } from '../support/documents';

/**
 * Where the projection runner runs in a one-process server: on a thread of its own by default
 * (`PROJECTOR_THREAD`), on the serving event loop when it is off. Read-your-writes holds either way.
 * The statement counter sees the serving thread's read-model connection only.
 */
describe.each([
  ['on a thread of its own (the default)', {}, false],
  ['on the serving thread (PROJECTOR_THREAD=off)', { PROJECTOR_THREAD: 'off' }, true],
])('the projector %s', (_, env: Record<string, string>, projectsHere) => {
  const counter = createStatementCounter();
  let app: TestApp;
  let buyer: string;

  beforeAll(async () => {
    app = await TestApp.start(env, { instrumentation: { statementCounter: counter } });
    buyer = await app.token('claimant', 'buyer-zhou');
  });
  afterAll(() => app.stop(true));

  it('answers each mutation with its own write, and projects where it is told to', async () => {
    counter.reset();
    const filed = await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput({ description: '会员掉线，客服不回复' }) });
    expect(filed.errors).toBeUndefined();
    const claimId = filed.data!.fileClaim.claim.id as string;
    expect(filed.data!.fileClaim.claim.status).toBe('FILED');

    const added = await app.gql(buyer, mutation('addEvidence'), { input: evidenceInput(claimId) });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addEvidence.claim.evidence).toHaveLength(1);

    // The mutations' reads of their claims went through this thread's connection...
    expect(counter.statements.some((sql) => /from "claim_summary"/.test(sql))).toBe(true);
    // ...and the batches that wrote them did so only when the runner runs on it.
    expect(counter.statements.some((sql) => /^insert into "claim_summary"/i.test(sql))).toBe(projectsHere);
  });

  it('lists what it projected', async () => {
    const answer = await app.gql(buyer, '{ claims(first: 10) { totalCount edges { node { description } } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.claims.totalCount).toBe(1);
    expect(answer.data!.claims.edges[0].node.description).toBe('会员掉线，客服不回复');
  });
});
