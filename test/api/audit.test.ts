import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { TestApp, codes, type GraphQLAnswer } from '../support/api';
import { CLAIM_FIELDS, evidenceInput, fileClaimInput, mutation, type MutationName } from '../support/documents';
import { AUDITED_CLAIM_FIELDS, expectTimeTravelToMatchEveryClaim } from '../support/time-travel';

const AS_OF = `query($id: ID!, $revision: Int, $at: DateTime) {
  claimAsOf(id: $id, revision: $revision, at: $at) { ${CLAIM_FIELDS} }
}`;
const HISTORY = `query($id: ID!, $from: Int, $to: Int) {
  claimHistory(id: $id, fromRevision: $from, toRevision: $to) {
    id type revision position recordedAt data actorId actorRole hash prevHash
  }
}`;
const VERIFY = `query($id: ID!) { verifyClaim(id: $id) { claimId valid eventCount headHash firstInvalidRevision reason } }`;
const FULL_CLAIM = `query($id: ID!) { claim(id: $id) { ${AUDITED_CLAIM_FIELDS} } }`;

interface HistoryEvent {
  revision: number;
  recordedAt: string;
  hash: string;
  prevHash: string | null;
}

/**
 * The auditor's view over real HTTP: a claim's record read from the event store, the claim as it
 * stood at any revision or time, and its hash chain verified.
 */
describe('auditing claims over GraphQL', () => {
  let app: TestApp;
  let buyer: string;
  let agent: string;
  let claimId: string;
  /** What each mutation of the recorded lifecycle answered, in order: the claim right after that step. */
  const steps: Record<string, any>[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    buyer = await app.token('claimant', 'buyer-audit');
    agent = await app.token('agent', 'agent-audit');
    claimId = await recordLifecycle();
  });
  afterAll(() => app.stop(true));

  /** Runs a mutation that must succeed; answers the claim it returned. */
  async function act(token: string, name: MutationName, input: Record<string, unknown>): Promise<Record<string, any>> {
    const answer = await app.gql(token, mutation(name), { input });
    expect(answer.errors).toBeUndefined();
    return answer.data![name].claim;
  }

  /** A claim through rejection, resubmission, escalation, refund and closing, every answer kept in `steps`. */
  async function recordLifecycle(): Promise<string> {
    const step = async (token: string, name: MutationName, input: Record<string, unknown>) => {
      steps.push(await act(token, name, input));
      return steps.at(-1)!.id as string;
    };
    const id = await step(buyer, 'fileClaim', fileClaimInput());
    await step(buyer, 'addEvidence', evidenceInput(id));
    await step(agent, 'assignClaim', { claimId: id, agentId: 'agent-audit' });
    await step(agent, 'requestInformation', { claimId: id, message: '请提供掉线时的错误截图' });
    await step(buyer, 'addEvidence', evidenceInput(id, { kind: 'SCREENSHOT', description: '错误提示截图' }));
    await step(agent, 'rejectClaim', { claimId: id, reason: 'INSUFFICIENT_EVIDENCE', explanation: '截图看不清' });
    await step(buyer, 'addEvidence', evidenceInput(id, { kind: 'SERVICE_LOG', description: '客户端日志' }));
    await step(buyer, 'resubmitClaim', { claimId: id, note: '补充了日志' });
    await step(buyer, 'escalateClaim', { claimId: id, level: 'CONSUMER_ASSOCIATION', reason: 'CLAIMANT_REQUEST', body: '12315' });
    await step(agent, 'resolveClaim', { claimId: id, remedy: { kind: 'FULL_REFUND' } });
    await step(agent, 'recordRemedyDelivered', { claimId: id, transactionReference: 'ALIPAY-REFUND-0042' });
    await step(agent, 'closeClaim', { claimId: id, note: '已退款' });
    return id;
  }

  async function history(token: string, variables: Record<string, unknown> = {}): Promise<HistoryEvent[]> {
    const answer = await app.gql(token, HISTORY, { id: claimId, ...variables });
    expect(answer.errors).toBeUndefined();
    return answer.data!.claimHistory;
  }

  describe('claimAsOf', () => {
    it('answers at each revision exactly what the mutation of that step answered', async () => {
      expect(steps.map((claim) => claim.revision)).toEqual(steps.map((_, revision) => revision));
      for (const then of steps) {
        const answer = await app.gql(agent, AS_OF, { id: claimId, revision: then.revision });
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.claimAsOf).toEqual(then);
      }
    });

    it('shows the evidence and history of then, not of now', async () => {
      const answer = await app.gql(buyer, AS_OF, { id: claimId, revision: 4 });
      const then = answer.data!.claimAsOf;
      expect(then).toMatchObject({ status: 'UNDER_REVIEW', revision: 4, remedyGranted: null, assignedTo: 'agent-audit' });
      expect(then.evidence.map((evidence: { kind: string }) => evidence.kind)).toEqual(['PAYMENT_RECORD', 'SCREENSHOT']);
      expect(then.history.map((event: { revision: number }) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('answers at a time with the last event recorded at or before it (recordedAt, the store’s clock)', async () => {
      const events = await history(agent);
      for (const event of events) {
        const at = event.recordedAt;
        const expected = Math.max(...events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(at)).map((e) => e.revision));
        const answer = await app.gql(agent, AS_OF, { id: claimId, at });
        expect(answer.data!.claimAsOf).toEqual(steps[expected]);
      }
    });

    it('answers null before the filing and for a revision not reached yet, and the latest claim without a point', async () => {
      const before = new Date(Date.parse((await history(agent))[0].recordedAt) - 1).toISOString();
      expect((await app.gql(agent, AS_OF, { id: claimId, at: before })).data).toEqual({ claimAsOf: null });
      expect((await app.gql(agent, AS_OF, { id: claimId, revision: steps.length })).data).toEqual({ claimAsOf: null });
      expect((await app.gql(agent, AS_OF, { id: claimId })).data!.claimAsOf).toEqual(steps.at(-1));
    });
  });

  describe('claimHistory', () => {
    it('reads the whole stream by default, each event linked to the one before by its hash', async () => {
      const events = await history(buyer);
      expect(events.map((event) => event.revision)).toEqual(steps.map((_, revision) => revision));
      expect(events[0].prevHash).toBeNull();
      events.slice(1).forEach((event, index) => expect(event.prevHash).toBe(events[index].hash));
      const claim = await app.gql(agent, FULL_CLAIM, { id: claimId });
      expect(events).toEqual(claim.data!.claim.history);
    });

    it('reads an inclusive revision range, open at either end', async () => {
      const revisions = async (variables: Record<string, unknown>) => (await history(agent, variables)).map((e) => e.revision);
      expect(await revisions({ from: 2, to: 4 })).toEqual([2, 3, 4]);
      expect(await revisions({ from: 3, to: 3 })).toEqual([3]);
      expect(await revisions({ from: 9 })).toEqual([9, 10, 11]);
      expect(await revisions({ to: 1 })).toEqual([0, 1]);
      expect(await revisions({ from: 10, to: 99 })).toEqual([10, 11]);
      expect(await revisions({ from: 12 })).toEqual([]);
    });
  });

  describe('verifyClaim', () => {
    it('finds an untouched claim’s chain valid, ending at its last event’s hash', async () => {
      const events = await history(agent);
      const answer = await app.gql(agent, VERIFY, { id: claimId.toUpperCase() });
      expect(answer.data!.verifyClaim).toEqual({
        claimId,
        valid: true,
        eventCount: events.length,
        headHash: events.at(-1)!.hash,
        firstInvalidRevision: null,
        reason: null,
      });
    });

    it('finds the revision where the stored record was altered behind the API’s back', async () => {
      const { id } = await act(buyer, 'fileClaim', fileClaimInput());
      await act(buyer, 'followUpClaim', { claimId: id, message: '请尽快处理' });
      await act(buyer, 'followUpClaim', { claimId: id, message: '还在等' });
      const file = new Database(app.config.eventStorePath);
      file
        .prepare(`UPDATE events SET data = replace(data, '请尽快处理', '请尽快处埋') WHERE stream_id = ? AND revision = 1`)
        .run(`claim-${id}`);
      file.close();
      const answer = await app.gql(agent, VERIFY, { id });
      expect(answer.data!.verifyClaim).toMatchObject({ claimId: id, valid: false, eventCount: 3, firstInvalidRevision: 1 });
      expect(answer.data!.verifyClaim.reason).toMatch(/altered/);
    });
  });

  describe('who may audit', () => {
    const EVERYTHING = `query($id: ID!) {
      claimHistory(id: $id) { revision }
      claimAsOf(id: $id, revision: 0) { status }
      verifyClaim(id: $id) { valid }
    }`;

    const readers = ['auditor', 'agent', 'supervisor', 'integration'] as const;

    it.each(readers)('lets the %s role read any claim’s record', async (role) => {
      const answer = await app.gql(await app.token(role), EVERYTHING, { id: claimId });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({
        claimHistory: steps.map((_, revision) => ({ revision })),
        claimAsOf: { status: 'FILED' },
        verifyClaim: { valid: true },
      });
    });

    it('lets a claimant read their own claim’s record', async () => {
      const answer = await app.gql(buyer, EVERYTHING, { id: claimId });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.claimHistory).toHaveLength(steps.length);
    });

    it('shows another claimant’s claim to a claimant exactly as a claim that does not exist', async () => {
      const other = await app.token('claimant', 'buyer-someone-else');
      const answers = async (id: string) => ({
        history: strip(await app.gql(other, HISTORY, { id })),
        asOf: strip(await app.gql(other, AS_OF, { id, revision: 0 })),
        verify: strip(await app.gql(other, VERIFY, { id })),
      });
      const theirs = await answers(claimId);
      expect(theirs).toEqual(await answers(randomUUID()));
      expect(theirs.asOf).toEqual({ data: { claimAsOf: null } });
      expect(codes(theirs.history as GraphQLAnswer)).toEqual(['NOT_FOUND']);
      expect(codes(theirs.verify as GraphQLAnswer)).toEqual(['NOT_FOUND']);
    });

    it('asks for a token', async () => {
      expect(codes(await app.gql(null, HISTORY, { id: claimId }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await app.gql(null, AS_OF, { id: claimId }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await app.gql(null, VERIFY, { id: claimId }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('bad arguments', () => {
    it.each([
      ['a negative fromRevision', HISTORY, { from: -1 }],
      ['a negative toRevision', HISTORY, { to: -1 }],
      ['fromRevision above toRevision', HISTORY, { from: 3, to: 2 }],
      ['a negative revision', AS_OF, { revision: -1 }],
      ['both a revision and a time', AS_OF, { revision: 1, at: new Date().toISOString() }],
      ['an id that is not a UUID (history)', HISTORY, { id: 'claim-1' }],
      ['an id that is not a UUID (as of)', AS_OF, { id: 'claim-1' }],
      ['an id that is not a UUID (verify)', VERIFY, { id: 'claim-1' }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, query, variables) => {
      expect(codes(await app.gql(agent, query, { id: claimId, ...variables }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBe(2);
  });
});

/** An answer without its HTTP status and error locations, for comparing two answers. */
function strip({ data, errors }: GraphQLAnswer): Partial<GraphQLAnswer> {
  return { data, ...(errors && { errors: errors.map(({ message, extensions }) => ({ message, extensions })) }) };
}
