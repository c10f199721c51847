import type { RejectionReason } from '../../../services/claims';
import { actors, aClaim, commands, evidenceAddedData } from '../../support/claim-builders';
import { given } from '../../support/decider';

describe('assigning a claim', () => {
  it('lets an agent take a filed claim', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.assignClaim())
      .then(claim.assigned({ agentId: actors.agent.id }));
  });

  it('refuses an agent assigning the claim to another agent with ASSIGN_ONLY_SELF', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.assignClaim({ agentId: actors.otherAgent.id }, actors.agent))
      .thenFails('ASSIGN_ONLY_SELF');
  });

  it('lets a supervisor assign the claim to any agent', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.assignClaim({ agentId: actors.otherAgent.id }, actors.supervisor))
      .then(claim.assigned({ agentId: actors.otherAgent.id }));
  });

  it('lets a supervisor hand a claim under review over to another agent', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.assignClaim({ agentId: actors.otherAgent.id }, actors.supervisor))
      .then(claim.assigned({ agentId: actors.otherAgent.id }));
  });

  it('lets an agent take over a claim assigned to someone else', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.assignClaim({ agentId: actors.otherAgent.id }, actors.otherAgent))
      .then(claim.assigned({ agentId: actors.otherAgent.id }));
  });

  it('refuses assigning the claim to the agent who already has it with ALREADY_ASSIGNED', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.assignClaim({ agentId: actors.agent.id }, actors.supervisor))
      .thenFails('ALREADY_ASSIGNED');
  });

  it('lets an agent take a claim that is awaiting the claimant', () => {
    const claim = aClaim();
    given(claim.filed(), claim.informationRequested())
      .when(commands.assignClaim())
      .then(claim.assigned());
  });
});

describe('adding evidence', () => {
  it('records the claimant’s evidence with its kind, Chinese description, hash, location and capture time', () => {
    const claim = aClaim();
    const evidence = {
      evidenceId: 'ev-chat',
      kind: 'CHAT_TRANSCRIPT' as const,
      description: '与客服的聊天记录：客服承诺24小时内处理，之后再无回复',
      sha256: 'f'.repeat(64),
      uri: 'https://evidence.example/ev-chat.png',
      capturedAt: '2025-06-01T11:00:00.000Z',
    };
    given(...claim.histories.filed())
      .when(commands.addEvidence(evidence))
      .then(claim.evidenceAdded(evidenceAddedData(evidence)));
  });

  it('records the content’s SHA-256 as a named digest (EvidenceAdded version 2)', () => {
    const claim = aClaim();
    const digest = { algorithm: 'sha-256', value: 'c'.repeat(64) } as const;
    given(...claim.histories.filed())
      .when(commands.addEvidence({ evidenceId: 'ev-pay', sha256: 'c'.repeat(64) }))
      .then(claim.evidenceAdded({ evidenceId: 'ev-pay', digest }));
  });

  it.each([actors.agent, actors.supervisor])('lets a $role put evidence on file', (actor) => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.addEvidence({ evidenceId: 'ev-log', kind: 'SERVICE_LOG' }, actor))
      .then(claim.evidenceAdded({ evidenceId: 'ev-log', kind: 'SERVICE_LOG' }));
  });

  it('accepts evidence on a rejected claim (to resubmit it later)', () => {
    const claim = aClaim();
    given(...claim.histories.rejected())
      .when(commands.addEvidence({ evidenceId: 'ev-late' }))
      .then(claim.evidenceAdded({ evidenceId: 'ev-late' }));
  });
});

describe('requesting information', () => {
  it('asks the claimant for something by a date', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.requestInformation({ message: '请提供订单号对应的支付截图', dueBy: '2025-06-02T12:00:00.000Z' }))
      .then(claim.informationRequested({ message: '请提供订单号对应的支付截图', dueBy: '2025-06-02T12:00:00.000Z' }));
  });

  it('asks without a due date', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.requestInformation({ dueBy: null }, actors.supervisor))
      .then(claim.informationRequested({ dueBy: null }));
  });
});

describe('rejecting a claim', () => {
  it('rejects with a reason code and an explanation', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.rejectClaim())
      .then(claim.rejected({ reason: 'INSUFFICIENT_EVIDENCE', explanation: '未提供支付凭证，无法核实订单' }));
  });

  it.each(['', '   ', '\n\t'])('refuses a blank explanation (%p) with EXPLANATION_REQUIRED', (explanation) => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.rejectClaim({ explanation }))
      .thenFails('EXPLANATION_REQUIRED');
  });

  it('refuses OUTSIDE_FILING_WINDOW for a claim filed in time with FILED_IN_TIME', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.rejectClaim({ reason: 'OUTSIDE_FILING_WINDOW' }))
      .thenFails('FILED_IN_TIME');
  });

  it('accepts OUTSIDE_FILING_WINDOW for a claim filed late', () => {
    const claim = aClaim();
    const explanation = '掉线发生在48小时前，超过24小时申诉时限';
    given(claim.filed({ filedLate: true }))
      .when(commands.rejectClaim({ reason: 'OUTSIDE_FILING_WINDOW', explanation }))
      .then(claim.rejected({ reason: 'OUTSIDE_FILING_WINDOW', explanation }));
  });

  it.each<RejectionReason>(['INSUFFICIENT_EVIDENCE', 'NOT_COVERED', 'DUPLICATE', 'SUSPECTED_FRAUD'])(
    'accepts %s for a claim filed in time',
    (reason) => {
      const claim = aClaim();
      given(...claim.histories.filed())
        .when(commands.rejectClaim({ reason }))
        .then(claim.rejected({ reason }));
    },
  );
});
