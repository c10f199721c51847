import type { ClaimCommandType, Role } from './commands';
import type { DomainErrorCode } from './errors';
import { ESCALATION_LEVELS } from './events';
import type { EscalationLevel, EscalationReason, Money, Remedy } from './events';
import type { ClaimStatus } from './status';

/** The platform's limits the decider applies; passed to `createClaimDecider`. */
export interface ClaimPolicy {
  /** Hours after the incident within which a claim is filed in time. Default 24. */
  filingWindowHours: number;
  /** How often a claim may be resubmitted after rejections. Default 3. */
  maxResubmissions: number;
  /** How far an incident may lie after the filing time, for clocks that run ahead, in seconds. Default 300. */
  clockSkewSeconds: number;
  /** Follow-ups a claimant may send on one claim within any hour, so no agent's queue is flooded. Default 3. */
  maxFollowUpsPerHour: number;
}

/**
 * The limits the seed documents describe (claims within 24 hours of the drop, three resubmissions),
 * five minutes of clock skew, and three follow-ups an hour.
 */
export const DEFAULT_CLAIM_POLICY: ClaimPolicy = { filingWindowHours: 24, maxResubmissions: 3, clockSkewSeconds: 300, maxFollowUpsPerHour: 3 };

/** The state keeps this many follow-up times: enough for any hourly cap the policy allows. */
export const FOLLOW_UPS_REMEMBERED = 100;

/** Whether `times` (ISO-8601) hold `max` or more within the hour before `now`. */
export function followUpLimitReached(times: readonly string[], now: string, max: number): boolean {
  const since = Date.parse(now) - 3_600_000;
  return times.filter((time) => Date.parse(time) > since).length >= max;
}

/** When the filing window of an incident at `incidentAt` closes (ISO-8601, UTC). */
export function filingDeadline(incidentAt: string, policy: Pick<ClaimPolicy, 'filingWindowHours'>): string {
  return new Date(Date.parse(incidentAt) + policy.filingWindowHours * 3_600_000).toISOString();
}

/** Whether `deadline` has passed at `now` (both ISO-8601); a deadline is still kept at its exact time. */
export function isPast(deadline: string, now: string): boolean {
  return Date.parse(now) > Date.parse(deadline);
}

const PEOPLE_WHO_HANDLE: readonly Role[] = ['agent', 'supervisor'];

/**
 * Which roles may issue which command (DESIGN.md "Who may do what"). Finer limits inside a command
 * (an agent assigns only themself, a claimant escalates only for some reasons) are checked by the
 * command itself. auditor and integration only read.
 */
export const COMMAND_PERMISSIONS: Readonly<Record<ClaimCommandType, readonly Role[]>> = {
  FileClaim: ['claimant', 'agent', 'supervisor'],
  AddEvidence: ['claimant', 'agent', 'supervisor'],
  FollowUpClaim: ['claimant'],
  WithdrawClaim: ['claimant'],
  ResubmitClaim: ['claimant'],
  AssignClaim: PEOPLE_WHO_HANDLE,
  RequestInformation: PEOPLE_WHO_HANDLE,
  RejectClaim: PEOPLE_WHO_HANDLE,
  // system: a collective case's resolution, applied to each member claim.
  ResolveClaim: [...PEOPLE_WHO_HANDLE, 'system'],
  RecordRemedyDelivered: PEOPLE_WHO_HANDLE,
  CloseClaim: PEOPLE_WHO_HANDLE,
  EscalateClaim: ['claimant', 'agent', 'supervisor', 'system'],
  MarkResponseOverdue: ['system'],
  ApplyOutageMakeUp: ['system'],
};

/** Whether `role` may issue commands of `type` at all. */
export function mayIssue(role: Role, type: ClaimCommandType): boolean {
  // `?? []`: a type from outside the type system (JSON input) is refused, not crashed on.
  return (COMMAND_PERMISSIONS[type] ?? []).includes(role);
}

/**
 * The escalation reasons each role may give. RESPONSE_OVERDUE is the deadline policy's alone, so
 * that a person cannot make a claim look neglected; COLLECTIVE_ACTION is given only by the fan-out
 * of a collective case's escalation.
 */
export const ESCALATION_REASONS_BY_ROLE: Readonly<Record<Role, readonly EscalationReason[]>> = {
  claimant: ['CLAIMANT_REQUEST', 'REJECTION_DISPUTED'],
  agent: ['CLAIMANT_REQUEST', 'REJECTION_DISPUTED', 'AGENT_DECISION'],
  supervisor: ['CLAIMANT_REQUEST', 'REJECTION_DISPUTED', 'AGENT_DECISION'],
  system: ['RESPONSE_OVERDUE', 'COLLECTIVE_ACTION'],
  auditor: [],
  integration: [],
};

/** Position on the escalation ladder: NONE is 0, COURT the highest. */
export function escalationRank(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}

const OPEN: readonly ClaimStatus[] = ['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT', 'REJECTED', 'RESOLVED'];
const BEFORE_DECISION: readonly ClaimStatus[] = ['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT'];

/**
 * The statuses in which each command on an existing claim may run (DESIGN.md "States and
 * transitions"); any other status is an INVALID_TRANSITION. Two cells carry a further condition,
 * checked by the command: ResolveClaim in REJECTED only once escalated after that rejection, and
 * CloseClaim in RESOLVED only once the remedy is delivered.
 */
export const ACCEPTED_IN: Readonly<Record<Exclude<ClaimCommandType, 'FileClaim'>, readonly ClaimStatus[]>> = {
  AssignClaim: BEFORE_DECISION,
  AddEvidence: OPEN,
  RequestInformation: ['FILED', 'UNDER_REVIEW'],
  RejectClaim: BEFORE_DECISION,
  ResubmitClaim: ['REJECTED'],
  EscalateClaim: OPEN,
  ResolveClaim: [...BEFORE_DECISION, 'REJECTED'],
  RecordRemedyDelivered: ['RESOLVED'],
  WithdrawClaim: OPEN,
  CloseClaim: ['RESOLVED', 'REJECTED'],
  FollowUpClaim: OPEN,
  MarkResponseOverdue: OPEN,
  // Any claim not yet decided in the platform's favour: an outage's facts overturn a rejection too.
  ApplyOutageMakeUp: [...BEFORE_DECISION, 'REJECTED'],
};

const CURRENCY = /^[A-Z]{3}$/;

function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}

/** Whether an amount is whole minor units, not negative, in a three-letter ISO-4217 currency. */
export function isValidMoney(money: Money | null | undefined): money is Money {
  return (
    money != null && Number.isInteger(money.amount) && money.amount >= 0 && CURRENCY.test(money.currency)
  );
}

/**
 * What is wrong with a remedy asked for or granted on a claim paid `paid`, or null when nothing is.
 * A partial refund must be a positive amount in the currency paid and never more than was paid.
 */
export function remedyProblem(remedy: Remedy, paid: Money): DomainErrorCode | null {
  switch (remedy.kind) {
    case 'FULL_REFUND':
      return null;
    case 'PARTIAL_REFUND': {
      const amount = remedy.amount;
      if (!isValidMoney(amount) || amount.amount === 0 || amount.currency !== paid.currency) {
        return 'INVALID_REMEDY';
      }
      return amount.amount > paid.amount ? 'REFUND_EXCEEDS_PAID' : null;
    }
    case 'SERVICE_EXTENSION':
      return isPositiveInteger(remedy.extensionHours) ? null : 'INVALID_REMEDY';
    case 'COUPON':
      if (remedy.amount == null) return null;
      return isValidMoney(remedy.amount) && remedy.amount.amount > 0 ? null : 'INVALID_REMEDY';
    default:
      // An unknown kind can still arrive from outside the type system (JSON input).
      return 'INVALID_REMEDY';
  }
}

/** Whether granting this remedy moves money back to the claimant (and so needs a payment record). */
export function isRefund(remedy: Remedy): boolean {
  return remedy.kind === 'FULL_REFUND' || remedy.kind === 'PARTIAL_REFUND';
}
