import { TestApp, codes, type GraphQLAnswer } from '../support/api';
import { CLAIM_QUERY, evidenceInput, fileClaimInput, mutation, type MutationName } from '../support/documents';
import { expectTimeTravelToMatchEveryClaim } from '../support/time-travel';

/**
 * A claim's whole life over real HTTP: filing, evidence, an information request, rejection,
 * resubmission, escalation to the consumer association, a partial refund, delivery and closing,
 * with every refusal of the rules on the way.
 */
describe('a claim through its whole life over GraphQL', () => {
  let app: TestApp;
  let buyer: string;
  let agent: string;
  let claimId: string;
  const agentId = 'agent-wang';

  beforeAll(async () => {
    app = await TestApp.start();
    buyer = await app.token('claimant', 'buyer-li');
    agent = await app.token('agent', agentId);
  });
  afterAll(() => app.stop(true));

  async function run(token: string, name: MutationName, input: Record<string, unknown>): Promise<GraphQLAnswer> {
    return app.gql(token, mutation(name), { input });
  }

  async function step(token: string, name: MutationName, input: Record<string, unknown>) {
    const answer = await run(token, name, input);
    expect(answer.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    return answer.data![name];
  }

  async function refused(token: string, name: MutationName, input: Record<string, unknown>, code: string) {
    const before = await app.gql(agent, CLAIM_QUERY, { id: claimId });
    const answer = await run(token, name, input);
    expect(codes(answer)).toEqual([code]);
    const after = await app.gql(agent, CLAIM_QUERY, { id: claimId });
    expect(after.data!.claim.revision).toBe(before.data!.claim.revision);
  }

  it('files a claim written in Chinese and answers with the claim as the read model shows it', async () => {
    const input = fileClaimInput();
    const filed = await step(buyer, 'fileClaim', input);
    claimId = filed.claim.id;
    expect(filed.claim).toMatchObject({
      status: 'FILED',
      escalationLevel: 'NONE',
      revision: 0,
      claimantId: 'buyer-li',
      platformId: 'kameng-shop',
      product: '爱奇艺黄金会员 月卡',
      amountPaid: { amount: 1990, currency: 'CNY' },
      remedyRequested: { kind: 'FULL_REFUND', amount: null, extensionHours: null },
      remedyGranted: null,
      remedyDelivered: false,
      filedLate: false,
      description: input.description,
      assignedTo: null,
      evidence: [],
      rejectionReason: null,
      resubmissionCount: 0,
    });
    expect(filed.events).toHaveLength(1);
    expect(filed.events[0]).toMatchObject({ type: 'ClaimFiled', revision: 0, actorId: 'buyer-li', actorRole: 'claimant' });
    expect(filed.position).toBe(filed.events[0].position);
    expect(new Date(filed.claim.filingDeadline).getTime() - new Date(input.incidentAt as string).getTime()).toBe(
      24 * 3600 * 1000,
    );
  });

  it('refuses a second open claim for the same order, and a refund without a payment record', async () => {
    const first = await app.gql(agent, CLAIM_QUERY, { id: claimId });
    const again = await run(buyer, 'fileClaim', fileClaimInput({ orderReference: first.data!.claim.orderReference }));
    expect(codes(again)).toEqual(['DUPLICATE_CLAIM']);
    await refused(agent, 'resolveClaim', { claimId, remedy: { kind: 'FULL_REFUND' } }, 'PAYMENT_RECORD_REQUIRED');
  });

  it('takes evidence, an assignment and an information request', async () => {
    const withEvidence = await step(buyer, 'addEvidence', evidenceInput(claimId));
    expect(withEvidence.claim.evidence).toHaveLength(1);
    expect(withEvidence.claim.evidence[0]).toMatchObject({ kind: 'PAYMENT_RECORD', description: '支付宝付款截图，订单金额 19.90 元' });

    await refused(agent, 'assignClaim', { claimId, agentId: 'agent-zhao' }, 'ASSIGN_ONLY_SELF');
    const assigned = await step(agent, 'assignClaim', { claimId, agentId });
    expect(assigned.claim).toMatchObject({ status: 'UNDER_REVIEW', assignedTo: agentId });

    const asked = await step(agent, 'requestInformation', { claimId, message: '请提供掉线时的错误截图' });
    expect(asked.claim.status).toBe('AWAITING_CLAIMANT');
    const answered = await step(buyer, 'addEvidence', evidenceInput(claimId, { kind: 'SCREENSHOT', description: '错误提示截图' }));
    expect(answered.claim.status).toBe('UNDER_REVIEW');
  });

  it('is rejected, refuses a resubmission without new evidence, then takes one with it', async () => {
    await refused(agent, 'rejectClaim', { claimId, reason: 'OUTSIDE_FILING_WINDOW', explanation: '超过时限' }, 'FILED_IN_TIME');
    await refused(buyer, 'rejectClaim', { claimId, reason: 'INSUFFICIENT_EVIDENCE', explanation: '证据不足' }, 'FORBIDDEN');
    const rejected = await step(agent, 'rejectClaim', { claimId, reason: 'INSUFFICIENT_EVIDENCE', explanation: '证据不足' });
    expect(rejected.claim).toMatchObject({ status: 'REJECTED', rejectionReason: 'INSUFFICIENT_EVIDENCE' });

    await refused(buyer, 'resubmitClaim', { claimId, note: '再次提交' }, 'NO_NEW_EVIDENCE');
    await refused(agent, 'resolveClaim', { claimId, remedy: { kind: 'FULL_REFUND' } }, 'INVALID_TRANSITION');
    await step(buyer, 'addEvidence', evidenceInput(claimId, { kind: 'SERVICE_LOG', description: '客户端日志' }));
    const resubmitted = await step(buyer, 'resubmitClaim', { claimId, note: '补充了客户端日志，请重新审核' });
    expect(resubmitted.claim).toMatchObject({ status: 'UNDER_REVIEW', resubmissionCount: 1, rejectionReason: null });
  });

  it('escalates to the consumer association and never back down', async () => {
    const escalated = await step(buyer, 'escalateClaim', {
      claimId,
      level: 'CONSUMER_ASSOCIATION',
      reason: 'CLAIMANT_REQUEST',
      body: '12315 消费者协会',
      caseReference: '12315-2026-0001',
    });
    expect(escalated.claim).toMatchObject({ escalationLevel: 'CONSUMER_ASSOCIATION', status: 'UNDER_REVIEW' });
    await refused(agent, 'escalateClaim', { claimId, level: 'PLATFORM_MANAGEMENT', reason: 'AGENT_DECISION' }, 'ESCALATION_NOT_HIGHER');
    await refused(buyer, 'escalateClaim', { claimId, level: 'REGULATOR', reason: 'AGENT_DECISION' }, 'ESCALATION_REASON_NOT_ALLOWED');
  });

  it('is resolved with a partial refund, delivered and closed', async () => {
    const tooMuch = { kind: 'PARTIAL_REFUND', amount: { amount: 5000, currency: 'CNY' } };
    await refused(agent, 'resolveClaim', { claimId, remedy: tooMuch }, 'REFUND_EXCEEDS_PAID');
    const partial = { kind: 'PARTIAL_REFUND', amount: { amount: 995, currency: 'CNY' } };
    const resolved = await step(agent, 'resolveClaim', { claimId, remedy: partial, note: '退还一半费用' });
    expect(resolved.claim).toMatchObject({ status: 'RESOLVED', remedyGranted: { ...partial, extensionHours: null } });

    await refused(agent, 'closeClaim', { claimId }, 'REMEDY_NOT_DELIVERED');
    const delivered = await step(agent, 'recordRemedyDelivered', { claimId, transactionReference: 'ALIPAY-REFUND-778899' });
    expect(delivered.claim.remedyDelivered).toBe(true);
    await refused(agent, 'recordRemedyDelivered', { claimId, transactionReference: 'again' }, 'REMEDY_ALREADY_DELIVERED');
    const closed = await step(agent, 'closeClaim', { claimId, note: '已退款，结案' });
    expect(closed.claim.status).toBe('CLOSED');

    await refused(buyer, 'followUpClaim', { claimId, message: '还在吗？' }, 'CLAIM_FINAL');
    await refused(buyer, 'addEvidence', evidenceInput(claimId), 'CLAIM_FINAL');
  });

  it('keeps the whole history, in order, with who did what', async () => {
    const { data } = await app.gql(buyer, CLAIM_QUERY, { id: claimId });
    const history = data!.claim.history as { type: string; revision: number; actorRole: string; position: string }[];
    expect(history.map((event) => event.type)).toEqual([
      'ClaimFiled',
      'EvidenceAdded',
      'ClaimAssigned',
      'InformationRequested',
      'EvidenceAdded',
      'ClaimRejected',
      'EvidenceAdded',
      'ClaimResubmitted',
      'ClaimEscalated',
      'ClaimResolved',
      'RemedyDelivered',
      'ClaimClosed',
    ]);
    expect(history.map((event) => event.revision)).toEqual(history.map((_, index) => index));
    const positions = history.map((event) => BigInt(event.position));
    expect(positions.every((position, index) => index === 0 || position > positions[index - 1])).toBe(true);
    expect(data!.claim.revision).toBe(history.length - 1);
    expect(data!.claim.evidence).toHaveLength(3);
  });

  it('lets the newly withdrawn or closed order be claimed again', async () => {
    const { data } = await app.gql(agent, CLAIM_QUERY, { id: claimId });
    const again = await step(buyer, 'fileClaim', fileClaimInput({ orderReference: data!.claim.orderReference }));
    expect(again.claim.id).not.toBe(claimId);
    const withdrawn = await step(buyer, 'withdrawClaim', { claimId: again.claim.id, reason: '平台已主动补偿' });
    expect(withdrawn.claim.status).toBe('WITHDRAWN');
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBeGreaterThan(0);
  });
});
