import type { EventData, RecordedEvent } from '../../services/event-store';
import { CLAIM_EVENT_SCHEMA_VERSIONS, type ClaimEvent, type ClaimEventType } from '../../services/claims/events';
import { claimStreamName } from '../../services/claims/streams';

/** Events for read-side tests, with the text real claims carry (Chinese buyers, 卡盟 platforms). */

type EventOf<T extends ClaimEventType> = Extract<ClaimEvent, { type: T }>;
type DataOf<T extends ClaimEventType> = EventOf<T>['data'];

/** A deterministic claim id (a UUID) for claim `n` of test `namespace`. */
export function claimIdOf(n: number, namespace = 0): string {
  return `${hex(namespace, 8)}-0000-4000-8000-${hex(n, 12)}`;
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** ISO time `minutes` after `base`. */
export function minutesAfter(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

export const FILED_AT = '2025-06-01T12:00:00.000Z';

/** Builders of each claim event: defaults for claim `claimId` at FILED_AT, any field overridable. */
export function claimEvents(claimId: string, at = FILED_AT) {
  const build =
    <T extends ClaimEventType>(type: T, defaults: Omit<DataOf<T>, 'claimId' | 'occurredAt'>) =>
    (data: Partial<DataOf<T>> = {}): EventOf<T> =>
      ({ type, data: { claimId, occurredAt: at, ...defaults, ...data } }) as unknown as EventOf<T>;
  return {
    filed: build('ClaimFiled', {
      claimantId: 'buyer-li-na',
      platformId: 'kameng-xingchen',
      order: { reference: 'XC-20250601-0042', amountPaid: { amount: 2500, currency: 'CNY' }, paidAt: '2025-06-01T07:55:00.000Z' },
      product: '爱奇艺黄金VIP会员月卡',
      incident: { occurredAt: '2025-06-01T10:00:00.000Z', durationMinutes: 120, description: '充值两小时后会员掉线，App 提示“会员已失效，请重新开通”' },
      remedyRequested: { kind: 'FULL_REFUND', amount: null, extensionHours: null },
      filingDeadline: '2025-06-02T10:00:00.000Z',
      filedLate: false,
      policy: null,
    }),
    assigned: build('ClaimAssigned', { agentId: 'agent-zhao-lei' }),
    evidenceAdded: build('EvidenceAdded', {
      evidenceId: `${claimId}-ev-1`,
      kind: 'SCREENSHOT',
      description: '掉线时 App 报错截图',
      digest: { algorithm: 'sha-256', value: 'a'.repeat(64) },
      uri: null,
      capturedAt: '2025-06-01T10:02:00.000Z',
    }),
    informationRequested: build('InformationRequested', { message: '请补充支付宝或微信支付账单截图', dueBy: '2025-06-03T12:00:00.000Z' }),
    rejected: build('ClaimRejected', { reason: 'INSUFFICIENT_EVIDENCE', explanation: '未提供付款凭证，无法核实订单' }),
    resubmitted: build('ClaimResubmitted', { note: '已补充微信支付账单和掉线报错截图', evidenceIds: [], resubmission: 1 }),
    escalated: build('ClaimEscalated', {
      level: 'PLATFORM_MANAGEMENT',
      previousLevel: 'NONE',
      reason: 'CLAIMANT_REQUEST',
      body: '平台运营管理部',
      caseReference: null,
    }),
    resolved: build('ClaimResolved', { remedy: { kind: 'FULL_REFUND', amount: null, extensionHours: null }, note: '核实掉线属实，全额退款', outageId: null }),
    remedyDelivered: build('RemedyDelivered', { transactionReference: 'REFUND-2025060100088' }),
    withdrawn: build('ClaimWithdrawn', { reason: '平台已自动补上会员时长' }),
    closed: build('ClaimClosed', { note: '退款已到账，结案' }),
    followedUp: build('ClaimantFollowedUp', { message: '已经超过48小时没有答复，请尽快处理' }),
    responseOverdue: build('ResponseOverdue', { deadline: 'FIRST_RESPONSE', dueAt: '2025-06-03T12:00:00.000Z' }),
  };
}

/** `events` as recorded on claim `claimId`'s stream: revisions from `fromRevision`, positions from `firstPosition` step 10. */
export function recordedStream(
  claimId: string,
  events: readonly ClaimEvent[],
  { fromRevision = 0n, firstPosition = 10n } = {},
): RecordedEvent[] {
  return events.map((event, i) => ({
    streamId: claimStreamName(claimId),
    revision: fromRevision + BigInt(i),
    position: firstPosition + BigInt(i) * 10n,
    id: `${claimId.slice(0, 8)}-${i}`,
    type: event.type,
    data: event.data,
    metadata: { schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type] },
    recordedAt: new Date(Date.parse(event.data.occurredAt)),
  }));
}

/** A claim event as the service would append it. */
export function toEventData(event: ClaimEvent, id: string, actorId = 'buyer-li-na'): EventData {
  return {
    id,
    type: event.type,
    data: event.data,
    metadata: {
      commandId: id,
      correlationId: id,
      causationId: id,
      actor: { id: actorId, role: 'claimant' },
      schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type],
    },
  };
}
