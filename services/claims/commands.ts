import type { DeadlineKind } from './deadline-clock';
import type { AppliedPolicy } from './policy-terms';
import type { EscalationLevel, EscalationReason, EvidenceKind, Envelope, Money, RejectionReason, Remedy } from './events';

export const ROLES = ['claimant', 'agent', 'supervisor', 'auditor', 'integration', 'system'] as const;
/** Who acts: from the token for people and integrations; `system` for policies (deadlines). */
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
}

/**
 * What every command carries besides its data: who asks and when (ISO-8601). Time and ids come in
 * with the command; the decider never reads a clock or makes an id.
 */
export interface CommandContext {
  actor: Actor;
  now: string;
}

type Command<Type extends string, Data> = Envelope<Type, Data> & CommandContext;

export type FileClaim = Command<
  'FileClaim',
  {
    claimId: string;
    /** Absent when a claimant files for themself. */
    claimantId: string | null;
    platformId: string;
    orderReference: string;
    product: string;
    amountPaid: Money;
    paidAt: string;
    incidentAt: string;
    incidentMinutes: number | null;
    description: string;
    remedyRequested: Remedy;
    /** The platform's current policy, loaded by the service; null files under the decider's own defaults. */
    policy: AppliedPolicy | null;
  }
>;
export type AssignClaim = Command<'AssignClaim', { agentId: string }>;
export type AddEvidence = Command<
  'AddEvidence',
  {
    evidenceId: string;
    kind: EvidenceKind;
    description: string;
    sha256: string;
    uri: string | null;
    capturedAt: string | null;
  }
>;
export type RequestInformation = Command<'RequestInformation', { message: string; dueBy: string | null }>;
export type RejectClaim = Command<'RejectClaim', { reason: RejectionReason; explanation: string }>;
export type ResubmitClaim = Command<'ResubmitClaim', { note: string }>;
export type EscalateClaim = Command<
  'EscalateClaim',
  { level: EscalationLevel; reason: EscalationReason; body: string | null; caseReference: string | null }
>;
export type ResolveClaim = Command<'ResolveClaim', { remedy: Remedy; note: string | null }>;
export type RecordRemedyDelivered = Command<'RecordRemedyDelivered', { transactionReference: string }>;
export type WithdrawClaim = Command<'WithdrawClaim', { reason: string }>;
export type CloseClaim = Command<'CloseClaim', { note: string | null }>;
export type FollowUpClaim = Command<'FollowUpClaim', { message: string }>;
/** From the deadline processor; on a claim filed under a policy the claim's own clock decides whether it passed. */
export type MarkResponseOverdue = Command<'MarkResponseOverdue', { deadline: DeadlineKind; dueAt: string }>;
/** From the outage compensator: resolve the claim with the make-up its platform's outage earned. */
export type ApplyOutageMakeUp = Command<
  'ApplyOutageMakeUp',
  { outageId: string; platformId: string; product: string | null; startedAt: string; endedAt: string; extensionHours: number }
>;

export type ClaimCommand =
  | FileClaim
  | AssignClaim
  | AddEvidence
  | RequestInformation
  | RejectClaim
  | ResubmitClaim
  | EscalateClaim
  | ResolveClaim
  | RecordRemedyDelivered
  | WithdrawClaim
  | CloseClaim
  | FollowUpClaim
  | MarkResponseOverdue
  | ApplyOutageMakeUp;

export type ClaimCommandType = ClaimCommand['type'];
