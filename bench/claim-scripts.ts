import type { Actor, ClaimCommand, EvidenceKind, Remedy } from '../services/claims';
import { EVIDENCE_TEXTS, MESSAGES, PLATFORMS, PRODUCTS, agentOf, claimantOf, incidentDescription } from './claim-texts';
import { seededRandom, type Random } from './random';

/** Commands per claim: each makes exactly one event, so 100,000 claims are 1,000,000 events. */
export const COMMANDS_PER_CLAIM = 10;

/** When the first claim is filed; claim n is filed n × 5 minutes later. */
const FIRST_FILING = Date.parse('2025-01-01T00:00:00.000Z');
/** Minutes after filing at which each of a claim's ten commands is sent. */
const STEP_MINUTES = [0, 3, 30, 90, 240, 600, 1_440, 2_000, 2_880, 3_000];
const SYSTEM: Actor = { id: 'deadline-policy', role: 'system' };

/** What one claim is: its id and the ten commands its people (and the deadline policy) send, in order. */
export interface ClaimScript {
  claimId: string;
  commands: ClaimCommand[];
}

type Step = (now: string) => ClaimCommand;

/** Claim `n`'s script, the same on every run: one of four histories, each valid under the default policy. */
export function claimScript(n: number): ClaimScript {
  const random = seededRandom(n + 1);
  const claimId = random.uuid();
  const claimant: Actor = { id: claimantOf(random), role: 'claimant' };
  const agent: Actor = { id: agentOf(random), role: 'agent' };
  const filedAt = filingTimeOf(n);
  const ctx: Context = { random, claimId, claimant, agent, filedAt };
  const shapes = [refunded, rejectedThenEscalated, overdueThenWithdrawn, extended];
  const steps = shapes[n % shapes.length](ctx);
  const commands = steps.map((step, i) => step(new Date(filedAt + STEP_MINUTES[i] * 60_000).toISOString()));
  return { claimId, commands };
}

/** When claim `n` is filed (epoch ms): one claim every five minutes. */
export function filingTimeOf(n: number): number {
  return FIRST_FILING + n * 5 * 60_000;
}

interface Context {
  random: Random;
  claimId: string;
  claimant: Actor;
  agent: Actor;
  filedAt: number;
}

function refunded(ctx: Context): Step[] {
  const { claimant, agent, random } = ctx;
  return [
    file(ctx, { kind: 'FULL_REFUND' }),
    evidence(ctx, claimant, 'PAYMENT_RECORD'),
    (now) => ({ type: 'AssignClaim', actor: agent, now, data: { agentId: agent.id } }),
    evidence(ctx, claimant, 'SCREENSHOT'),
    (now) => ({ type: 'RequestInformation', actor: agent, now, data: { message: random.pick(MESSAGES.informationRequest), dueBy: null } }),
    evidence(ctx, claimant, 'CHAT_TRANSCRIPT'),
    followUp(ctx),
    (now) => ({ type: 'ResolveClaim', actor: agent, now, data: { remedy: { kind: 'FULL_REFUND' }, note: MESSAGES.resolution[0] } }),
    delivered(ctx),
    close(ctx),
  ];
}

function rejectedThenEscalated(ctx: Context): Step[] {
  const { claimant, agent, random } = ctx;
  const amount = { amount: 500, currency: 'CNY' };
  return [
    file(ctx, { kind: 'FULL_REFUND' }),
    (now) => ({ type: 'AssignClaim', actor: agent, now, data: { agentId: agent.id } }),
    evidence(ctx, claimant, 'SCREENSHOT'),
    (now) => ({ type: 'RejectClaim', actor: agent, now, data: { reason: 'INSUFFICIENT_EVIDENCE', explanation: random.pick(MESSAGES.rejection) } }),
    evidence(ctx, claimant, 'PAYMENT_RECORD'),
    (now) => ({ type: 'ResubmitClaim', actor: claimant, now, data: { note: random.pick(MESSAGES.resubmission) } }),
    escalate(claimant, 'PLATFORM_MANAGEMENT', 'CLAIMANT_REQUEST', '平台运营管理部'),
    (now) => ({ type: 'ResolveClaim', actor: agent, now, data: { remedy: { kind: 'PARTIAL_REFUND', amount }, note: MESSAGES.resolution[1] } }),
    delivered(ctx),
    close(ctx),
  ];
}

function overdueThenWithdrawn(ctx: Context): Step[] {
  const { claimant, agent, random } = ctx;
  return [
    file(ctx, { kind: 'FULL_REFUND' }),
    evidence(ctx, claimant, 'SCREENSHOT'),
    followUp(ctx),
    (now) => ({ type: 'MarkResponseOverdue', actor: SYSTEM, now, data: { deadline: 'FIRST_RESPONSE', dueAt: now } }),
    escalate(SYSTEM, 'CONSUMER_ASSOCIATION', 'RESPONSE_OVERDUE', '12315 消费者投诉平台'),
    (now) => ({ type: 'AssignClaim', actor: agent, now, data: { agentId: agent.id } }),
    (now) => ({ type: 'RequestInformation', actor: agent, now, data: { message: random.pick(MESSAGES.informationRequest), dueBy: null } }),
    evidence(ctx, claimant, 'SERVICE_LOG'),
    followUp(ctx),
    (now) => ({ type: 'WithdrawClaim', actor: claimant, now, data: { reason: random.pick(MESSAGES.withdrawal) } }),
  ];
}

function extended(ctx: Context): Step[] {
  const { claimant, agent } = ctx;
  const remedy: Remedy = { kind: 'SERVICE_EXTENSION', extensionHours: 72 };
  return [
    file(ctx, remedy),
    evidence(ctx, claimant, 'PAYMENT_RECORD'),
    evidence(ctx, claimant, 'SERVICE_LOG'),
    (now) => ({ type: 'AssignClaim', actor: agent, now, data: { agentId: agent.id } }),
    followUp(ctx),
    escalate(agent, 'PLATFORM_MANAGEMENT', 'AGENT_DECISION', '平台运营管理部'),
    evidence(ctx, claimant, 'CHAT_TRANSCRIPT'),
    (now) => ({ type: 'ResolveClaim', actor: agent, now, data: { remedy, note: MESSAGES.resolution[2] } }),
    delivered(ctx),
    close(ctx),
  ];
}

function file({ random, claimId, claimant, filedAt }: Context, remedyRequested: Remedy): Step {
  const product = random.pick(PRODUCTS);
  // Some incidents are older than the 24-hour window: filed late, flagged.
  const incidentAt = new Date(filedAt - random.int(10, 1_800) * 60_000).toISOString();
  const data = {
    claimId,
    claimantId: null,
    platformId: random.pick(PLATFORMS),
    orderReference: `KM-${incidentAt.slice(0, 10).replaceAll('-', '')}-${random.hex(6).toUpperCase()}`,
    product,
    amountPaid: { amount: random.int(9, 399) * 100 - 10, currency: 'CNY' },
    paidAt: new Date(Date.parse(incidentAt) - random.int(1, 72) * 3_600_000).toISOString(),
    incidentAt,
    incidentMinutes: random.int(5, 600),
    description: incidentDescription(random, product),
    remedyRequested,
    policy: null,
  };
  return (now) => ({ type: 'FileClaim', actor: claimant, now, data });
}

function evidence({ random }: Context, actor: Actor, kind: EvidenceKind & keyof typeof EVIDENCE_TEXTS): Step {
  const data = { evidenceId: random.uuid(), kind, description: random.pick(EVIDENCE_TEXTS[kind]), sha256: random.hex(64), uri: null, capturedAt: null };
  return (now) => ({ type: 'AddEvidence', actor, now, data });
}

function followUp({ random, claimant }: Context): Step {
  return (now) => ({ type: 'FollowUpClaim', actor: claimant, now, data: { message: random.pick(MESSAGES.followUp) } });
}

function escalate(actor: Actor, level: 'PLATFORM_MANAGEMENT' | 'CONSUMER_ASSOCIATION', reason: 'CLAIMANT_REQUEST' | 'RESPONSE_OVERDUE' | 'AGENT_DECISION', body: string): Step {
  return (now) => ({ type: 'EscalateClaim', actor, now, data: { level, reason, body, caseReference: null } });
}

function delivered({ random, agent }: Context): Step {
  return (now) => ({ type: 'RecordRemedyDelivered', actor: agent, now, data: { transactionReference: `ALIPAY-REFUND-${random.hex(12).toUpperCase()}` } });
}

function close({ random, agent }: Context): Step {
  return (now) => ({ type: 'CloseClaim', actor: agent, now, data: { note: random.pick(MESSAGES.closing) } });
}
