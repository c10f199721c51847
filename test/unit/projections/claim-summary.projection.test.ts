import { claimSummaryProjection, evolveClaimSummary } from '../../../projections/claim-summary/claim-summary.projection';
import type { ClaimSummaryRow } from '../../../projections/claim-summary/claim-summary.entity';
import { evolve, initialState } from '../../../services/claims/claim';
import type { ClaimEvent } from '../../../services/claims/events';
import type { RecordedEvent } from '../../../services/event-store';
import { claimEvents, claimIdOf, minutesAfter, recordedStream, FILED_AT } from '../../support/projection-fixtures';

const claimId = claimIdOf(1);
const e = claimEvents(claimId);

function project(events: readonly RecordedEvent[], start: ClaimSummaryRow | null = null): ClaimSummaryRow | null {
  return events.reduce<ClaimSummaryRow | null>((row, event) => evolveClaimSummary(row, event), start);
}

function at(minutes: number): string {
  return minutesAfter(FILED_AT, minutes);
}

/** The policy columns of a claim filed before policies: no deadlines to keep. */
const NO_POLICY_COLUMNS = {
  policyPlatformId: null, policyVersion: null, deadlineRound: 0, deadlineClock: null, responseDueAt: null,
  resolutionDueAt: null, responseOverdue: false, resolutionOverdue: false, overdue: false, deadlinesPaused: false,
  compensatedByOutageId: null,
};

describe('claim summary projection', () => {
  it('turns ClaimFiled into a row with every field of the claim', () => {
    const row = project(recordedStream(claimId, [e.filed()]));
    expect(row).toEqual({
      id: claimId,
      status: 'FILED',
      escalationLevel: 'NONE',
      revision: 0,
      claimantId: 'buyer-li-na',
      platformId: 'kameng-xingchen',
      orderReference: 'XC-20250601-0042',
      product: '爱奇艺黄金VIP会员月卡',
      amountPaidAmount: 2500,
      amountPaidCurrency: 'CNY',
      remedyRequestedKind: 'FULL_REFUND',
      remedyRequestedAmount: null,
      remedyRequestedCurrency: null,
      remedyRequestedExtensionHours: null,
      remedyGrantedKind: null,
      remedyGrantedAmount: null,
      remedyGrantedCurrency: null,
      remedyGrantedExtensionHours: null,
      remedyDelivered: false,
      incidentAt: '2025-06-01T10:00:00.000Z',
      filedAt: FILED_AT,
      filingDeadline: '2025-06-02T10:00:00.000Z',
      filedLate: false,
      description: '充值两小时后会员掉线，App 提示“会员已失效，请重新开通”',
      assignedTo: null,
      rejectionReason: null,
      resubmissionCount: 0,
      lastEventAt: FILED_AT,
      lastPosition: '10',
      ...NO_POLICY_COLUMNS,
    });
  });

  it('stores times given with an offset as fixed-width UTC, so text order is time order', () => {
    const filed = e.filed({
      occurredAt: '2025-06-01T20:00:00+08:00',
      filingDeadline: '2025-06-02T18:00+08:00',
      incident: { occurredAt: '2025-06-01T18:00:00.5+08:00', durationMinutes: null, description: '掉线' },
    });
    const row = project(recordedStream(claimId, [filed]));
    expect(row).toMatchObject({
      filedAt: '2025-06-01T12:00:00.000Z',
      filingDeadline: '2025-06-02T10:00:00.000Z',
      incidentAt: '2025-06-01T10:00:00.500Z',
    });
  });

  it('records the requested and granted remedies with their amounts and durations', () => {
    const events = recordedStream(claimId, [
      e.filed({ remedyRequested: { kind: 'PARTIAL_REFUND', amount: { amount: 1200, currency: 'CNY' } } }),
      e.resolved({ remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 72 }, occurredAt: at(30) }),
    ]);
    expect(project(events)).toMatchObject({
      remedyRequestedKind: 'PARTIAL_REFUND',
      remedyRequestedAmount: 1200,
      remedyRequestedCurrency: 'CNY',
      remedyRequestedExtensionHours: null,
      remedyGrantedKind: 'SERVICE_EXTENSION',
      remedyGrantedAmount: null,
      remedyGrantedCurrency: null,
      remedyGrantedExtensionHours: 72,
      status: 'RESOLVED',
    });
  });

  it('follows a rejected, resubmitted, escalated and delivered claim field by field', () => {
    const history: ClaimEvent[] = [
      e.filed(),
      e.assigned({ occurredAt: at(5) }),
      e.informationRequested({ occurredAt: at(10) }),
      e.evidenceAdded({ occurredAt: at(20) }),
      e.rejected({ occurredAt: at(30) }),
    ];
    const rejected = project(recordedStream(claimId, history));
    expect(rejected).toMatchObject({ status: 'REJECTED', assignedTo: 'agent-zhao-lei', rejectionReason: 'INSUFFICIENT_EVIDENCE', revision: 4 });

    const more: ClaimEvent[] = [
      e.evidenceAdded({ evidenceId: 'ev-2', kind: 'PAYMENT_RECORD', description: '微信支付账单', occurredAt: at(40) }),
      e.resubmitted({ evidenceIds: ['ev-2'], occurredAt: at(50) }),
      e.escalated({ level: 'CONSUMER_ASSOCIATION', body: '12315 消费者投诉平台', occurredAt: at(60) }),
      e.resolved({ occurredAt: at(70) }),
      e.remedyDelivered({ occurredAt: at(80) }),
      e.closed({ occurredAt: at(90) }),
    ];
    const row = project(recordedStream(claimId, more, { fromRevision: 5n, firstPosition: 1000n }), rejected);
    expect(row).toMatchObject({
      status: 'CLOSED',
      escalationLevel: 'CONSUMER_ASSOCIATION',
      rejectionReason: null,
      resubmissionCount: 1,
      remedyGrantedKind: 'FULL_REFUND',
      remedyDelivered: true,
      revision: 10,
      lastEventAt: at(90),
      lastPosition: '1050',
      filedAt: FILED_AT,
    });
  });

  it('keeps the rejection reason while escalated, and clears it when the claim is resolved', () => {
    const events = recordedStream(claimId, [e.filed(), e.rejected(), e.escalated({ reason: 'REJECTION_DISPUTED' })]);
    expect(project(events)).toMatchObject({ status: 'REJECTED', rejectionReason: 'INSUFFICIENT_EVIDENCE', escalationLevel: 'PLATFORM_MANAGEMENT' });
    const resolved = recordedStream(claimId, [e.resolved()], { fromRevision: 3n, firstPosition: 40n });
    expect(project(resolved, project(events))).toMatchObject({ status: 'RESOLVED', rejectionReason: null });
  });

  it("agrees with the decider's status after every event of a history", () => {
    const history: ClaimEvent[] = [
      e.filed(),
      e.informationRequested(),
      e.followedUp(),
      e.responseOverdue(),
      e.assigned(),
      e.evidenceAdded(),
      e.assigned({ agentId: 'agent-qian-feng' }),
      e.rejected(),
      e.evidenceAdded({ evidenceId: 'ev-9' }),
      e.resubmitted(),
      e.withdrawn(),
    ];
    const recorded = recordedStream(claimId, history);
    let row: ClaimSummaryRow | null = null;
    let state = initialState();
    recorded.forEach((event, i) => {
      row = evolveClaimSummary(row, event);
      state = evolve(state, history[i]);
      expect(row?.status).toBe(state.status);
    });
  });

  it('ignores an event it already applied, so replaying a batch changes nothing', () => {
    const events = recordedStream(claimId, [e.filed(), e.assigned(), e.rejected()]);
    const once = project(events);
    expect(project(events, once)).toBe(once);
    expect(evolveClaimSummary(once, events[1])).toBe(once);
  });

  it('has no row for events of a claim whose filing it has not seen', () => {
    const events = recordedStream(claimId, [e.assigned()], { fromRevision: 1n });
    expect(project(events)).toBeNull();
  });

  it('leaves the row alone for event types it does not know', () => {
    const [filed] = recordedStream(claimId, [e.filed()]);
    const row = project([filed]);
    const unknown: RecordedEvent = { ...filed, type: 'ClaimArchived', revision: 1n, position: 99n };
    expect(evolveClaimSummary(row, unknown)).toBe(row);
  });

  it('keys rows by the claim id of the stream and ignores other streams', () => {
    const [filed] = recordedStream(claimId, [e.filed()]);
    expect(claimSummaryProjection.keyOf(filed)).toBe(claimId);
    expect(claimSummaryProjection.keyOf({ ...filed, streamId: 'token-8f2c' })).toBeNull();
    expect(claimSummaryProjection.keyOf({ ...filed, streamId: 'idempotency-abc' })).toBeNull();
  });
});
