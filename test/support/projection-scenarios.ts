import { ANY, type EventData, type EventStore } from '../../services/event-store';
import type { ClaimEvent } from '../../services/claims/events';
import { claimStreamName } from '../../services/claims/streams';
import { claimEvents, claimIdOf, minutesAfter, toEventData } from './projection-fixtures';

/** Many claims with varied, valid histories, appended interleaved with other streams' events. */

const BUYERS = ['buyer-li-na', 'buyer-wang-fang', 'buyer-zhang-wei', 'buyer-liu-yang', 'buyer-chen-jing'];
const PLATFORMS = ['kameng-xingchen', 'yunduan-kapu', 'kuaichong-shuma'];
const PRODUCTS = ['爱奇艺黄金VIP会员月卡', '腾讯视频VIP年卡', '优酷酷喵会员季卡', '网易云音乐黑胶VIP月卡', 'B站大会员年卡'];
const AGENTS = ['agent-zhao-lei', 'agent-qian-feng'];
export const SCENARIO_START = '2025-05-01T02:00:00.000Z';

/** One append: events for one stream. */
export interface AppendStep {
  streamId: string;
  events: EventData[];
}

/** A small deterministic random source (mulberry32), so failures replay. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Builders = ReturnType<typeof claimEvents>;
type EvidenceKind = 'SCREENSHOT' | 'PAYMENT_RECORD' | 'CHAT_TRANSCRIPT' | 'SERVICE_LOG';

/** Claim `n`'s history, one of six valid shapes; claims filed in threes share a filing time (ties in the list order). */
export function claimHistory(claimId: string, n: number): ClaimEvent[] {
  const filedAt = minutesAfter(SCENARIO_START, Math.floor(n / 3) * 37);
  const t = (minutes: number) => minutesAfter(filedAt, minutes);
  const e = claimEvents(claimId, filedAt);
  const ev = (k: number, kind: EvidenceKind, description: string) =>
    e.evidenceAdded({
      evidenceId: `${claimId}-ev-${k}`,
      kind,
      description,
      digest: { algorithm: 'sha-256', value: k.toString(16).repeat(64) },
      occurredAt: t(k * 3),
    });
  const filed = e.filed({
    claimantId: BUYERS[n % BUYERS.length],
    platformId: PLATFORMS[n % PLATFORMS.length],
    product: PRODUCTS[n % PRODUCTS.length],
    order: { reference: `KM-202505-${String(n).padStart(4, '0')}`, amountPaid: { amount: 1500 + n * 100, currency: 'CNY' }, paidAt: t(-300) },
    filedLate: n % 7 === 0,
    // Some writers send Beijing time with its offset; the read model must still sort it correctly.
    ...(n % 4 === 1 ? { occurredAt: beijingTime(filedAt) } : {}),
  });
  const shapes = [resolvedAndClosed, rejectedResubmittedEscalated, rejectedAndDisputed, overdueThenWithdrawn, extended, justEvidence];
  return [filed, ...shapes[n % shapes.length]({ e, t, ev, agentId: AGENTS[n % AGENTS.length], late: n % 7 === 0, claimId })];
}

interface Shape {
  e: Builders;
  t: (minutes: number) => string;
  ev: (k: number, kind: EvidenceKind, description: string) => ClaimEvent;
  agentId: string;
  late: boolean;
  claimId: string;
}

function resolvedAndClosed({ e, t, ev, agentId }: Shape): ClaimEvent[] {
  return [
    ev(1, 'PAYMENT_RECORD', '支付宝付款记录截图，订单号与平台一致'),
    e.assigned({ agentId, occurredAt: t(5) }),
    e.resolved({ occurredAt: t(60) }),
    e.remedyDelivered({ occurredAt: t(90) }),
    e.closed({ occurredAt: t(120) }),
  ];
}

function rejectedResubmittedEscalated({ e, t, ev, agentId, claimId }: Shape): ClaimEvent[] {
  return [
    ev(1, 'SCREENSHOT', '会员掉线时的报错截图'),
    e.assigned({ agentId, occurredAt: t(5) }),
    e.informationRequested({ occurredAt: t(10) }),
    ev(2, 'PAYMENT_RECORD', '微信支付账单'),
    e.rejected({ occurredAt: t(30) }),
    ev(3, 'CHAT_TRANSCRIPT', '客服聊天记录，承认系统故障'),
    e.resubmitted({ evidenceIds: [`${claimId}-ev-3`], occurredAt: t(40) }),
    e.escalated({ level: 'CONSUMER_ASSOCIATION', body: '12315 消费者投诉平台', occurredAt: t(50) }),
    e.resolved({ remedy: { kind: 'PARTIAL_REFUND', amount: { amount: 1200, currency: 'CNY' } }, occurredAt: t(70) }),
  ];
}

function rejectedAndDisputed({ e, t, late }: Shape): ClaimEvent[] {
  return [
    e.rejected({ reason: late ? 'OUTSIDE_FILING_WINDOW' : 'NOT_COVERED', explanation: '超出平台规定的24小时申诉时限', occurredAt: t(20) }),
    e.followedUp({ occurredAt: t(25) }),
    e.escalated({ reason: 'REJECTION_DISPUTED', occurredAt: t(30) }),
    e.escalated({ level: 'REGULATOR', previousLevel: 'PLATFORM_MANAGEMENT', body: '市场监督管理局', occurredAt: t(45) }),
  ];
}

function overdueThenWithdrawn({ e, t }: Shape): ClaimEvent[] {
  return [
    e.followedUp({ occurredAt: t(60) }),
    e.responseOverdue({ occurredAt: t(2880) }),
    e.escalated({ reason: 'RESPONSE_OVERDUE', occurredAt: t(2890) }),
    e.withdrawn({ occurredAt: t(3000) }),
  ];
}

function extended({ e, t, ev, agentId }: Shape): ClaimEvent[] {
  return [
    ev(1, 'SERVICE_LOG', '播放器日志：鉴权失败 code=403'),
    ev(2, 'PAYMENT_RECORD', '支付宝付款记录截图'),
    e.assigned({ agentId, occurredAt: t(8) }),
    e.resolved({ remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 72 }, occurredAt: t(30) }),
    e.remedyDelivered({ occurredAt: t(31) }),
  ];
}

function justEvidence({ ev }: Shape): ClaimEvent[] {
  return [ev(1, 'SCREENSHOT', '掉线提示“账号异常”截图'), ev(2, 'PAYMENT_RECORD', '银行卡扣款短信')];
}

/** `iso` as Beijing local time with its offset (`…T10:00:00.000+08:00`). */
function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/**
 * Append steps for `count` claims: their histories cut into pieces of 1–3 events, shuffled across
 * claims, with token and idempotency events in between.
 */
export function scenarioSteps(count: number, { namespace = 0, seed = 1 } = {}): AppendStep[] {
  const random = seededRandom(seed);
  const pending = Array.from({ length: count }, (_, n) => {
    const claimId = claimIdOf(n, namespace);
    return { claimId, events: claimHistory(claimId, n), next: 0 };
  });
  const steps: AppendStep[] = [];
  while (pending.some((claim) => claim.next < claim.events.length)) {
    const open = pending.filter((claim) => claim.next < claim.events.length);
    const claim = open[Math.floor(random() * open.length)];
    const size = 1 + Math.floor(random() * 3);
    const piece = claim.events.slice(claim.next, claim.next + size);
    const events = piece.map((event, i) => toEventData(event, `${claim.claimId}-${claim.next + i}`));
    steps.push({ streamId: claimStreamName(claim.claimId), events });
    claim.next += piece.length;
    if (random() < 0.2) steps.push(noiseStep(steps.length));
  }
  return steps;
}

/** Events of streams no read model cares about (tokens, idempotency records). */
function noiseStep(n: number): AppendStep {
  const id = `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
  return n % 2 === 0
    ? { streamId: `token-${id}`, events: [{ id, type: 'TokenIssued', data: { subject: 'buyer-li-na', role: 'claimant' }, metadata: {} }] }
    : { streamId: `idempotency-${id}`, events: [{ id, type: 'CommandRecorded', data: { commandId: id }, metadata: {} }] };
}

/** Appends `steps` in order. */
export async function appendSteps(store: EventStore, steps: readonly AppendStep[]): Promise<void> {
  for (const step of steps) await store.appendToStream(step.streamId, step.events, { expectedRevision: ANY });
}
