import { randomUUID } from 'node:crypto';
import type {
  Actor,
  ClaimCommand,
  ClaimCommandType,
  ClaimEvent,
  ClaimEventType,
  ClaimStatus,
  Money,
  Role,
} from '../../services/claims';

/** The fixed "now" of every command (Beijing evening, 2025-06-01 20:00 +08:00). */
export const NOW = '2025-06-01T12:00:00.000Z';
/** When the membership dropped in the default claim: two hours before NOW, well inside a 24-hour window. */
export const INCIDENT_AT = '2025-06-01T10:00:00.000Z';
/** INCIDENT_AT plus the default 24-hour filing window. */
export const FILING_DEADLINE = '2025-06-02T10:00:00.000Z';
export const PAID_AT = '2025-06-01T07:55:00.000Z';
/** 25.00 元, in fen. */
export const PAID: Money = { amount: 2500, currency: 'CNY' };
/** How real claims read. */
export const DESCRIPTION = '会员开通后两小时掉线，客服不回复';

export const actors = {
  claimant: { id: 'buyer-li', role: 'claimant' },
  otherClaimant: { id: 'buyer-wang', role: 'claimant' },
  agent: { id: 'agent-zhao', role: 'agent' },
  otherAgent: { id: 'agent-qian', role: 'agent' },
  supervisor: { id: 'supervisor-sun', role: 'supervisor' },
  auditor: { id: 'auditor-zhou', role: 'auditor' },
  integration: { id: 'cca-12315', role: 'integration' },
  system: { id: 'deadline-policy', role: 'system' },
} as const satisfies Record<string, Actor>;

/** The usual actor of a role (the claim's own claimant for `claimant`). */
export function actorFor(role: Role): Actor {
  return actors[role];
}

type CommandOf<T extends ClaimCommandType> = Extract<ClaimCommand, { type: T }>;
type DataOf<T extends ClaimCommandType> = CommandOf<T>['data'];

function commandBuilder<T extends ClaimCommandType>(type: T, defaults: DataOf<T>, defaultActor: Actor) {
  return (data: Partial<DataOf<T>> = {}, actor: Actor = defaultActor): CommandOf<T> =>
    ({ type, data: { ...defaults, ...data }, actor, now: NOW }) as CommandOf<T>;
}

/** Valid commands at NOW by their usual actor; override any data field or the actor. */
export const commands = {
  assignClaim: commandBuilder('AssignClaim', { agentId: actors.agent.id }, actors.agent),
  addEvidence: commandBuilder(
    'AddEvidence',
    {
      evidenceId: 'ev-screenshot',
      kind: 'SCREENSHOT',
      description: '掉线时的报错截图',
      sha256: 'a'.repeat(64),
      uri: null,
      capturedAt: INCIDENT_AT,
    },
    actors.claimant,
  ),
  requestInformation: commandBuilder(
    'RequestInformation',
    { message: '请提供支付记录截图', dueBy: '2025-06-03T12:00:00.000Z' },
    actors.agent,
  ),
  rejectClaim: commandBuilder(
    'RejectClaim',
    { reason: 'INSUFFICIENT_EVIDENCE', explanation: '未提供支付凭证，无法核实订单' },
    actors.agent,
  ),
  resubmitClaim: commandBuilder('ResubmitClaim', { note: '已补充掉线截图' }, actors.claimant),
  escalateClaim: commandBuilder(
    'EscalateClaim',
    { level: 'PLATFORM_MANAGEMENT', reason: 'CLAIMANT_REQUEST', body: null, caseReference: null },
    actors.claimant,
  ),
  resolveClaim: commandBuilder('ResolveClaim', { remedy: { kind: 'FULL_REFUND' }, note: null }, actors.agent),
  recordRemedyDelivered: commandBuilder('RecordRemedyDelivered', { transactionReference: 'TX-88' }, actors.agent),
  withdrawClaim: commandBuilder('WithdrawClaim', { reason: '平台已自动补上会员时长' }, actors.claimant),
  closeClaim: commandBuilder('CloseClaim', { note: null }, actors.agent),
  followUpClaim: commandBuilder('FollowUpClaim', { message: '已经两天了，请尽快处理' }, actors.claimant),
  markResponseOverdue: commandBuilder(
    'MarkResponseOverdue',
    { deadline: 'FIRST_RESPONSE', dueAt: '2025-06-01T11:00:00.000Z' },
    actors.system,
  ),
  /** An outage of the default claim's platform and product around its incident (10:00), made up with 2 hours. */
  applyOutageMakeUp: commandBuilder(
    'ApplyOutageMakeUp',
    {
      outageId: 'outage-0601',
      platformId: 'kameng-shop',
      product: '视频会员月卡',
      startedAt: '2025-06-01T09:50:00.000Z',
      endedAt: '2025-06-01T11:10:00.000Z',
      extensionHours: 2,
    },
    actors.system,
  ),
};

type EventOf<T extends ClaimEventType> = Extract<ClaimEvent, { type: T }>;

function eventBuilder<T extends ClaimEventType>(type: T, defaults: EventOf<T>['data']) {
  return (data: Partial<EventOf<T>['data']> = {}): EventOf<T> =>
    ({ type, data: { ...defaults, ...data } }) as EventOf<T>;
}

/** The EvidenceAdded data (version 2) an AddEvidence command's data leads to: its sha256 becomes the digest. */
export function evidenceAddedData({ sha256, ...data }: DataOf<'AddEvidence'>) {
  return { ...data, digest: { algorithm: 'sha-256', value: sha256 } as const };
}

/**
 * A claim with a fresh id: the command that files it, builders for its events (defaults match the
 * defaults of `commands`, all at NOW) and common histories.
 */
export function aClaim() {
  const claimId = randomUUID();
  const at = { claimId, occurredAt: NOW };
  const e = {
    filed: eventBuilder('ClaimFiled', {
      ...at,
      claimantId: actors.claimant.id,
      platformId: 'kameng-shop',
      order: { reference: 'KM-20250601-0042', amountPaid: PAID, paidAt: PAID_AT },
      product: '视频会员月卡',
      incident: { occurredAt: INCIDENT_AT, durationMinutes: 120, description: DESCRIPTION },
      remedyRequested: { kind: 'FULL_REFUND' },
      filingDeadline: FILING_DEADLINE,
      filedLate: false,
      policy: null,
    }),
    assigned: eventBuilder('ClaimAssigned', { ...at, agentId: actors.agent.id }),
    evidenceAdded: eventBuilder('EvidenceAdded', { ...at, ...evidenceAddedData(commands.addEvidence().data) }),
    informationRequested: eventBuilder('InformationRequested', { ...at, ...commands.requestInformation().data }),
    rejected: eventBuilder('ClaimRejected', { ...at, ...commands.rejectClaim().data }),
    resubmitted: eventBuilder('ClaimResubmitted', {
      ...at,
      ...commands.resubmitClaim().data,
      evidenceIds: [],
      resubmission: 1,
    }),
    escalated: eventBuilder('ClaimEscalated', {
      ...at,
      ...commands.escalateClaim().data,
      previousLevel: 'NONE',
    }),
    resolved: eventBuilder('ClaimResolved', { ...at, ...commands.resolveClaim().data, outageId: null }),
    remedyDelivered: eventBuilder('RemedyDelivered', { ...at, ...commands.recordRemedyDelivered().data }),
    withdrawn: eventBuilder('ClaimWithdrawn', { ...at, ...commands.withdrawClaim().data }),
    closed: eventBuilder('ClaimClosed', { ...at, ...commands.closeClaim().data }),
    followedUp: eventBuilder('ClaimantFollowedUp', { ...at, ...commands.followUpClaim().data }),
    responseOverdue: eventBuilder('ResponseOverdue', { ...at, ...commands.markResponseOverdue().data }),
  };
  const paymentRecord = e.evidenceAdded({
    evidenceId: 'ev-payment',
    kind: 'PAYMENT_RECORD',
    description: '支付宝账单截图',
  });
  const histories = {
    filed: (): ClaimEvent[] => [e.filed()],
    /** FILED, with a payment record on file. */
    withPaymentRecord: (): ClaimEvent[] => [e.filed(), paymentRecord],
    /** UNDER_REVIEW: assigned to `actors.agent`, payment record on file. */
    underReview: (): ClaimEvent[] => [...histories.withPaymentRecord(), e.assigned()],
    /** AWAITING_CLAIMANT: assigned to `actors.agent`, information requested. */
    awaitingClaimant: (): ClaimEvent[] => [...histories.underReview(), e.informationRequested()],
    /** REJECTED (payment record on file), optionally with a screenshot added after the rejection. */
    rejected: ({ newEvidence = false } = {}): ClaimEvent[] => [
      ...histories.underReview(),
      e.rejected(),
      ...(newEvidence ? [e.evidenceAdded({ evidenceId: 'ev-after-rejection' })] : []),
    ],
    /** REJECTED, then escalated to PLATFORM_MANAGEMENT disputing the rejection. */
    rejectedThenEscalated: (): ClaimEvent[] => [
      ...histories.rejected(),
      e.escalated({ reason: 'REJECTION_DISPUTED' }),
    ],
    /** RESOLVED with a full refund (payment record on file), optionally delivered. */
    resolved: ({ delivered = false } = {}): ClaimEvent[] => [
      ...histories.underReview(),
      e.resolved(),
      ...(delivered ? [e.remedyDelivered()] : []),
    ],
    closed: (): ClaimEvent[] => [...histories.resolved({ delivered: true }), e.closed()],
    withdrawn: (): ClaimEvent[] => [...histories.filed(), e.withdrawn()],
    /** A plain history ending in `status`. */
    in: (status: ClaimStatus): ClaimEvent[] => statusHistories[status](),
  };
  const statusHistories: Record<ClaimStatus, () => ClaimEvent[]> = {
    FILED: histories.withPaymentRecord,
    UNDER_REVIEW: histories.underReview,
    AWAITING_CLAIMANT: histories.awaitingClaimant,
    REJECTED: () => histories.rejected(),
    RESOLVED: () => histories.resolved(),
    CLOSED: histories.closed,
    WITHDRAWN: histories.withdrawn,
  };
  const fileClaim = commandBuilder('FileClaim', fileClaimData(claimId), actors.claimant);
  return { claimId, fileClaim, ...e, paymentRecord, histories };
}

function fileClaimData(claimId: string): DataOf<'FileClaim'> {
  return {
    claimId,
    claimantId: null,
    platformId: 'kameng-shop',
    orderReference: 'KM-20250601-0042',
    product: '视频会员月卡',
    amountPaid: PAID,
    paidAt: PAID_AT,
    incidentAt: INCIDENT_AT,
    incidentMinutes: 120,
    description: DESCRIPTION,
    remedyRequested: { kind: 'FULL_REFUND' },
    policy: null,
  };
}

export type ClaimFixture = ReturnType<typeof aClaim>;
