import { evolve, initialState, isTerminal } from '../../../services/claims';
import type { ClaimEvent, ClaimState, ExistingClaim } from '../../../services/claims';
import { actors, aClaim, INCIDENT_AT, NOW, PAID } from '../../support/claim-builders';

const fold = (events: ClaimEvent[], from: ClaimState = initialState()): ClaimState => events.reduce(evolve, from);

describe('the state of a claim', () => {
  it('starts with no claim, which is not terminal', () => {
    expect(initialState()).toEqual({ exists: false, claimId: null, claimantId: null, status: null });
    expect(isTerminal(initialState())).toBe(false);
  });

  it('records a filing: who, how much was paid, whether late, and nothing yet done', () => {
    const claim = aClaim();
    expect(fold([claim.filed({ filedLate: true })])).toEqual<ExistingClaim>({
      exists: true,
      claimId: claim.claimId,
      claimantId: actors.claimant.id,
      status: 'FILED',
      escalationLevel: 'NONE',
      amountPaid: PAID,
      filedLate: true,
      paymentRecordOnFile: false,
      evidenceSinceRejection: [],
      escalatedSinceRejection: false,
      resubmissions: 0,
      assignedTo: null,
      remedyGranted: null,
      remedyDelivered: false,
      followUps: [],
      platformId: 'kameng-shop',
      product: '视频会员月卡',
      incidentAt: INCIDENT_AT,
      policy: null,
      clock: null,
    });
  });

  it('folds a whole life (rejected, disputed, resubmitted, partly refunded, closed) to the right state', () => {
    const claim = aClaim();
    const refund = { kind: 'PARTIAL_REFUND' as const, amount: { amount: 1200, currency: 'CNY' } };
    const life = [
      claim.filed(),
      claim.assigned(),
      claim.informationRequested(),
      claim.evidenceAdded({ evidenceId: 'ev-payment', kind: 'PAYMENT_RECORD' }),
      claim.rejected(),
      claim.followedUp({ message: '为什么驳回？我有支付记录' }),
      claim.escalated({ level: 'PLATFORM_MANAGEMENT', reason: 'REJECTION_DISPUTED' }),
      claim.evidenceAdded({ evidenceId: 'ev-log', kind: 'SERVICE_LOG' }),
      claim.resubmitted({ evidenceIds: ['ev-log'], resubmission: 1 }),
      claim.responseOverdue(),
      claim.escalated({
        level: 'CONSUMER_ASSOCIATION',
        previousLevel: 'PLATFORM_MANAGEMENT',
        reason: 'RESPONSE_OVERDUE',
      }),
      claim.assigned({ agentId: actors.otherAgent.id }),
      claim.resolved({ remedy: refund }),
      claim.remedyDelivered(),
      claim.closed(),
    ];
    const state = fold(life);
    expect(state).toEqual<ExistingClaim>({
      exists: true,
      claimId: claim.claimId,
      claimantId: actors.claimant.id,
      status: 'CLOSED',
      escalationLevel: 'CONSUMER_ASSOCIATION',
      amountPaid: PAID,
      filedLate: false,
      paymentRecordOnFile: true,
      evidenceSinceRejection: ['ev-log'],
      escalatedSinceRejection: true,
      resubmissions: 1,
      assignedTo: actors.otherAgent.id,
      remedyGranted: refund,
      remedyDelivered: true,
      followUps: [NOW],
      platformId: 'kameng-shop',
      product: '视频会员月卡',
      incidentAt: INCIDENT_AT,
      policy: null,
      clock: null,
    });
    expect(isTerminal(state)).toBe(true);
  });

  it('follows the status column of the transition table along the way', () => {
    const claim = aClaim();
    const statuses = [
      claim.filed(),
      claim.informationRequested(),
      claim.assigned(),
      claim.evidenceAdded(),
      claim.rejected(),
      claim.evidenceAdded({ evidenceId: 'ev-2' }),
      claim.resubmitted(),
      claim.withdrawn(),
    ].reduce<{ state: ClaimState; seen: (string | null)[] }>(
      ({ state, seen }, event) => {
        const next = evolve(state, event);
        return { state: next, seen: [...seen, next.status] };
      },
      { state: initialState(), seen: [] },
    ).seen;
    expect(statuses).toEqual([
      'FILED',
      'AWAITING_CLAIMANT',
      'AWAITING_CLAIMANT',
      'UNDER_REVIEW',
      'REJECTED',
      'REJECTED',
      'UNDER_REVIEW',
      'WITHDRAWN',
    ]);
  });

  it('makes a withdrawn claim terminal', () => {
    const claim = aClaim();
    expect(isTerminal(fold(claim.histories.withdrawn()))).toBe(true);
  });

  it.each(['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT', 'REJECTED', 'RESOLVED'] as const)(
    'does not make a %s claim terminal',
    (status) => {
      expect(isTerminal(fold(aClaim().histories.in(status)))).toBe(false);
    },
  );

  it('forgets the evidence and the escalation from before a rejection, but not the payment record', () => {
    const claim = aClaim();
    const state = fold([...claim.histories.withPaymentRecord(), claim.escalated(), claim.rejected()]);
    expect(state).toMatchObject({
      evidenceSinceRejection: [],
      escalatedSinceRejection: false,
      paymentRecordOnFile: true,
      escalationLevel: 'PLATFORM_MANAGEMENT',
    });
  });

  it('does not take a screenshot for a payment record', () => {
    const claim = aClaim();
    expect(fold([claim.filed(), claim.evidenceAdded({ kind: 'SCREENSHOT' })])).toMatchObject({
      paymentRecordOnFile: false,
      evidenceSinceRejection: ['ev-screenshot'],
    });
  });

  it('never throws: an event before any filing leaves no claim, an event after closing is still recorded', () => {
    const claim = aClaim();
    expect(fold([claim.rejected(), claim.remedyDelivered()])).toEqual(initialState());
    expect(fold([...claim.histories.closed(), claim.followedUp()])).toMatchObject({ status: 'CLOSED' });
  });

  it('does not change the state it is given', () => {
    const claim = aClaim();
    const before = fold(claim.histories.rejected());
    const copy = structuredClone(before);
    evolve(before, claim.evidenceAdded({ evidenceId: 'ev-new' }));
    expect(before).toEqual(copy);
  });
});
