/**
 * Every rule the decider enforces has one stable code; clients switch on it (GraphQL
 * `extensions.code`), so codes are never renamed.
 */
export const DOMAIN_ERROR_CODES = {
  /** The claim does not exist, or the caller may not see it (another claimant's claim). */
  NOT_FOUND: 'the claim does not exist or is not visible to you',
  /** The caller's role may not do this. */
  FORBIDDEN: 'your role may not do this',
  /** Filing with a claim id that is already taken. */
  CLAIM_ALREADY_EXISTS: 'a claim with this id already exists',
  /** A closed or withdrawn claim accepts nothing more. */
  CLAIM_FINAL: 'the claim is closed or withdrawn and accepts nothing more',
  /** The claim's status does not allow this step (see DESIGN.md's transition table). */
  INVALID_TRANSITION: 'the claim is not in a status that allows this',
  /** An agent or supervisor filing for a claimant must say which claimant. */
  CLAIMANT_REQUIRED: 'name the claimant you are filing for (claimantId)',
  /** The incident lies after the filing time. */
  INCIDENT_IN_FUTURE: 'the incident time lies in the future',
  /** The claimant followed up on this claim as often as the policy allows within the last hour. */
  FOLLOW_UP_LIMIT_REACHED: 'you followed up on this claim often enough for now: an agent will answer; try again within the hour',
  /** An amount is negative, a currency is unknown, or a remedy lacks what its kind needs. */
  INVALID_REMEDY: 'the remedy is incomplete or inconsistent with its kind',
  /** A refund can only be granted once a payment record is on file. */
  PAYMENT_RECORD_REQUIRED: 'add a PAYMENT_RECORD evidence before granting a refund',
  /** A partial refund never exceeds the amount paid (and is in the same currency). */
  REFUND_EXCEEDS_PAID: 'a partial refund cannot exceed the amount paid',
  /** "Outside filing window" is a valid rejection only for a claim filed late. */
  FILED_IN_TIME: 'the claim was filed within its window: OUTSIDE_FILING_WINDOW does not apply',
  /** A rejection needs an explanation. */
  EXPLANATION_REQUIRED: 'explain the rejection',
  /** Resubmission needs evidence added after the last rejection. */
  NO_NEW_EVIDENCE: 'add evidence after the rejection before resubmitting',
  /** The policy's maximum number of resubmissions was reached. */
  RESUBMISSION_LIMIT_REACHED: 'the claim has been resubmitted the maximum number of times',
  /** Escalation only goes up the ladder. */
  ESCALATION_NOT_HIGHER: 'escalation must go to a higher level than the current one',
  /** The escalation reason does not fit the caller or the claim (e.g. disputing a claim never rejected). */
  ESCALATION_REASON_NOT_ALLOWED: 'this escalation reason is not available here',
  /** The remedy was already delivered. */
  REMEDY_ALREADY_DELIVERED: 'the remedy was already delivered',
  /** A resolved claim closes only once its remedy is delivered. */
  REMEDY_NOT_DELIVERED: 'record the remedy delivery before closing',
  /** An agent may assign a claim only to themself. */
  ASSIGN_ONLY_SELF: 'agents may assign claims only to themselves',
  /** The claim is already assigned to that agent. */
  ALREADY_ASSIGNED: 'the claim is already assigned to this agent',
  /** A policy's terms are out of range (the message names the field). */
  INVALID_POLICY: 'the policy terms are invalid',
  /** The deadline named has not passed on the claim's own clock (or is paused, or met). */
  DEADLINE_NOT_PASSED: 'this deadline has not passed on the claim’s clock',
  /** The deadline was already recorded as overdue in this round. */
  DEADLINE_ALREADY_OVERDUE: 'this deadline was already recorded as overdue',
  /** The outage does not cover the claim (another platform or product, or the incident lies outside it). */
  OUTAGE_DOES_NOT_COVER_CLAIM: 'the outage does not cover this claim’s incident',
  /** No outage with this id was reported. */
  OUTAGE_NOT_FOUND: 'no outage with this id was reported',
  /** An outage with this id was already reported. */
  OUTAGE_ALREADY_REPORTED: 'an outage with this id was already reported',
  /** The outage already ended. */
  OUTAGE_ALREADY_ENDED: 'the outage already ended',
  /** An outage starts before it ends, and neither lies in the future. */
  INVALID_OUTAGE_TIMES: 'an outage must start before it ends, and neither may lie in the future',
  /** No collective case with this id exists. */
  CASE_NOT_FOUND: 'no collective case with this id exists',
  /** A collective case with this id already exists. */
  CASE_ALREADY_EXISTS: 'a collective case with this id already exists',
  /** The collective case was resolved and accepts nothing more. */
  CASE_RESOLVED: 'the collective case was resolved and accepts nothing more',
  /** Only claims against the case's platform may join it. */
  CASE_PLATFORM_MISMATCH: 'the claim is against another platform than the collective case',
  /** The claim is already a member of the case. */
  ALREADY_A_MEMBER: 'the claim is already a member of this collective case',
  /** The claim is not a member of the case. */
  NOT_A_MEMBER: 'the claim is not a member of this collective case',
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

/** A rule violation: nothing is appended. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string = DOMAIN_ERROR_CODES[code],
  ) {
    super(message);
  }
}
