import { canSeeClaim } from './access';
import type { ClaimState, ExistingClaim } from './claim';
import type * as C from './commands';
import { DomainError } from './errors';
import type * as E from './events';
import type { ClaimPolicy } from './rules';
import {
  followUpLimitReached,
  ACCEPTED_IN,
  ESCALATION_REASONS_BY_ROLE,
  escalationRank,
  filingDeadline,
  isPast,
  isRefund,
  isValidMoney,
  mayIssue,
  remedyProblem,
} from './rules';
import { dueAt as dueAtOf } from './deadline-clock';
import { isFinalStatus } from './status';

type CommandOnClaim = Exclude<C.ClaimCommand, C.FileClaim>;

/**
 * The events `command` leads to on a claim in `state`, or a `DomainError` saying which rule it breaks.
 * Guards run first, in a fixed order: CLAIM_ALREADY_EXISTS (filing), NOT_FOUND (no claim, or another
 * claimant's), FORBIDDEN (role), CLAIM_FINAL, INVALID_TRANSITION; then the command's own rules.
 * Pure: time and ids come in with the command, and metadata is the service's business.
 */
export function decide(command: C.ClaimCommand, state: ClaimState, policy: ClaimPolicy): E.ClaimEvent[] {
  if (command.type === 'FileClaim') return [fileClaim(command, state, policy)];
  return [decideOnClaim(command, guard(command, state), policy)].flat();
}

function decideOnClaim(command: CommandOnClaim, claim: ExistingClaim, policy: ClaimPolicy): E.ClaimEvent | E.ClaimEvent[] {
  switch (command.type) {
    case 'AssignClaim':
      return assignClaim(command, claim);
    case 'AddEvidence':
      return addEvidence(command, claim);
    case 'RequestInformation':
      return requestInformation(command, claim);
    case 'RejectClaim':
      return rejectClaim(command, claim);
    case 'ResubmitClaim':
      return resubmitClaim(command, claim, policy);
    case 'EscalateClaim':
      return escalateClaim(command, claim);
    case 'ResolveClaim':
      return resolveClaim(command, claim);
    case 'RecordRemedyDelivered':
      return recordRemedyDelivered(command, claim);
    case 'WithdrawClaim':
      return withdrawClaim(command, claim);
    case 'CloseClaim':
      return closeClaim(command, claim);
    case 'FollowUpClaim':
      return followUpClaim(command, claim, policy);
    case 'MarkResponseOverdue':
      return markResponseOverdue(command, claim);
    case 'ApplyOutageMakeUp':
      return applyOutageMakeUp(command, claim);
    default:
      return unknownCommand(command);
  }
}

/** The checks every command on an existing claim passes before its own rules. */
function guard(command: CommandOnClaim, state: ClaimState): ExistingClaim {
  // Another claimant's claim reads as missing, so ids cannot be probed for existence.
  if (!state.exists || !canSeeClaim(command.actor, state.claimantId)) throw new DomainError('NOT_FOUND');
  if (!mayIssue(command.actor.role, command.type)) throw new DomainError('FORBIDDEN');
  if (isFinalStatus(state.status)) throw new DomainError('CLAIM_FINAL');
  if (!ACCEPTED_IN[command.type].includes(state.status)) throw new DomainError('INVALID_TRANSITION');
  return state;
}

/** The fields every event of this claim carries. */
function stamp(claim: ExistingClaim, command: C.CommandContext): { claimId: string; occurredAt: string } {
  return { claimId: claim.claimId, occurredAt: command.now };
}

function fileClaim(command: C.FileClaim, state: ClaimState, policy: ClaimPolicy): E.ClaimFiled {
  if (state.exists) throw new DomainError('CLAIM_ALREADY_EXISTS');
  if (!mayIssue(command.actor.role, command.type)) throw new DomainError('FORBIDDEN');
  const claimantId = claimantFiledFor(command);
  const { data, now } = command;
  if (Date.parse(data.incidentAt) > Date.parse(now) + policy.clockSkewSeconds * 1000) throw new DomainError('INCIDENT_IN_FUTURE');
  if (!isValidMoney(data.amountPaid)) throw new DomainError('INVALID_REMEDY');
  const problem = remedyProblem(data.remedyRequested, data.amountPaid);
  if (problem) throw new DomainError(problem);
  // A claim is filed under its platform's current policy when the service found one.
  const window = data.policy ? data.policy.terms : policy;
  return claimFiled(command, claimantId, filingDeadline(data.incidentAt, window));
}

function claimFiled({ data, now }: C.FileClaim, claimantId: string, deadline: string): E.ClaimFiled {
  return {
    type: 'ClaimFiled',
    data: {
      claimId: data.claimId,
      claimantId,
      platformId: data.platformId,
      order: { reference: data.orderReference, amountPaid: data.amountPaid, paidAt: data.paidAt },
      product: data.product,
      incident: { occurredAt: data.incidentAt, durationMinutes: data.incidentMinutes, description: data.description },
      remedyRequested: data.remedyRequested,
      filingDeadline: deadline,
      // Late filings are accepted and flagged: the platform decides whether the window applies.
      filedLate: isPast(deadline, now),
      policy: data.policy,
      occurredAt: now,
    },
  };
}

/** A claimant files for themself; agents and supervisors must name the claimant. */
function claimantFiledFor({ actor, data }: C.FileClaim): string {
  if (actor.role === 'claimant') {
    if (data.claimantId && data.claimantId !== actor.id) throw new DomainError('FORBIDDEN');
    return actor.id;
  }
  if (!data.claimantId) throw new DomainError('CLAIMANT_REQUIRED');
  return data.claimantId;
}

function assignClaim(command: C.AssignClaim, claim: ExistingClaim): E.ClaimAssigned {
  const { agentId } = command.data;
  if (command.actor.role === 'agent' && agentId !== command.actor.id) throw new DomainError('ASSIGN_ONLY_SELF');
  if (claim.assignedTo === agentId) throw new DomainError('ALREADY_ASSIGNED');
  return { type: 'ClaimAssigned', data: { ...stamp(claim, command), agentId } };
}

function addEvidence(command: C.AddEvidence, claim: ExistingClaim): E.EvidenceAdded {
  const { evidenceId, kind, description, sha256, uri, capturedAt } = command.data;
  const digest = { algorithm: 'sha-256', value: sha256 } as const;
  return { type: 'EvidenceAdded', data: { ...stamp(claim, command), evidenceId, kind, description, digest, uri, capturedAt } };
}

function requestInformation(command: C.RequestInformation, claim: ExistingClaim): E.InformationRequested {
  const { message, dueBy } = command.data;
  return { type: 'InformationRequested', data: { ...stamp(claim, command), message, dueBy } };
}

function rejectClaim(command: C.RejectClaim, claim: ExistingClaim): E.ClaimRejected {
  const { reason, explanation } = command.data;
  if (explanation.trim() === '') throw new DomainError('EXPLANATION_REQUIRED');
  if (reason === 'OUTSIDE_FILING_WINDOW' && !claim.filedLate) throw new DomainError('FILED_IN_TIME');
  return { type: 'ClaimRejected', data: { ...stamp(claim, command), reason, explanation } };
}

function resubmitClaim(command: C.ResubmitClaim, claim: ExistingClaim, policy: ClaimPolicy): E.ClaimResubmitted {
  // The limit comes first: telling someone out of resubmissions to add evidence would mislead them.
  if (claim.resubmissions >= (claim.policy ?? policy).maxResubmissions) throw new DomainError('RESUBMISSION_LIMIT_REACHED');
  if (claim.evidenceSinceRejection.length === 0) throw new DomainError('NO_NEW_EVIDENCE');
  return {
    type: 'ClaimResubmitted',
    data: {
      ...stamp(claim, command),
      note: command.data.note,
      evidenceIds: [...claim.evidenceSinceRejection],
      resubmission: claim.resubmissions + 1,
    },
  };
}

function escalateClaim(command: C.EscalateClaim, claim: ExistingClaim): E.ClaimEscalated {
  const { level, reason, body, caseReference } = command.data;
  if (!ESCALATION_REASONS_BY_ROLE[command.actor.role].includes(reason)) {
    throw new DomainError('ESCALATION_REASON_NOT_ALLOWED');
  }
  // Only a standing rejection can be disputed.
  if (reason === 'REJECTION_DISPUTED' && claim.status !== 'REJECTED') {
    throw new DomainError('ESCALATION_REASON_NOT_ALLOWED');
  }
  if (escalationRank(level) <= escalationRank(claim.escalationLevel)) throw new DomainError('ESCALATION_NOT_HIGHER');
  return {
    type: 'ClaimEscalated',
    data: { ...stamp(claim, command), level, previousLevel: claim.escalationLevel, reason, body, caseReference },
  };
}

function resolveClaim(command: C.ResolveClaim, claim: ExistingClaim): E.ClaimResolved {
  const { remedy, note } = command.data;
  // A rejection is overturned only by going over the platform's head after it.
  if (claim.status === 'REJECTED' && !claim.escalatedSinceRejection) throw new DomainError('INVALID_TRANSITION');
  const problem = remedyProblem(remedy, claim.amountPaid);
  if (problem) throw new DomainError(problem);
  if (isRefund(remedy) && !claim.paymentRecordOnFile) throw new DomainError('PAYMENT_RECORD_REQUIRED');
  return { type: 'ClaimResolved', data: { ...stamp(claim, command), remedy, note, outageId: null } };
}

function recordRemedyDelivered(command: C.RecordRemedyDelivered, claim: ExistingClaim): E.RemedyDelivered {
  if (claim.remedyDelivered) throw new DomainError('REMEDY_ALREADY_DELIVERED');
  const { transactionReference } = command.data;
  return { type: 'RemedyDelivered', data: { ...stamp(claim, command), transactionReference } };
}

function withdrawClaim(command: C.WithdrawClaim, claim: ExistingClaim): E.ClaimWithdrawn {
  return { type: 'ClaimWithdrawn', data: { ...stamp(claim, command), reason: command.data.reason } };
}

function closeClaim(command: C.CloseClaim, claim: ExistingClaim): E.ClaimClosed {
  if (claim.status === 'RESOLVED' && !claim.remedyDelivered) throw new DomainError('REMEDY_NOT_DELIVERED');
  return { type: 'ClaimClosed', data: { ...stamp(claim, command), note: command.data.note } };
}

function followUpClaim(command: C.FollowUpClaim, claim: ExistingClaim, policy: ClaimPolicy): E.ClaimantFollowedUp {
  if (followUpLimitReached(claim.followUps, command.now, policy.maxFollowUpsPerHour)) throw new DomainError('FOLLOW_UP_LIMIT_REACHED');
  return { type: 'ClaimantFollowedUp', data: { ...stamp(claim, command), message: command.data.message } };
}

/**
 * On a claim filed under a policy, the claim's own clock says when the deadline falls due (the
 * processor's `dueAt` is only what it saw in a read model); without one, the command's `dueAt` is
 * taken as given. The policy's escalation rides along in the same append, so both happen once.
 */
function markResponseOverdue(command: C.MarkResponseOverdue, claim: ExistingClaim): E.ClaimEvent[] {
  const { deadline } = command.data;
  if (claim.clock?.timers[deadline].overdue) throw new DomainError('DEADLINE_ALREADY_OVERDUE');
  const dueAt = claim.clock ? dueAtOf(claim.clock, deadline) : command.data.dueAt;
  if (dueAt === null || Date.parse(dueAt) > Date.parse(command.now)) throw new DomainError('DEADLINE_NOT_PASSED');
  const overdue: E.ResponseOverdue = { type: 'ResponseOverdue', data: { ...stamp(claim, command), deadline, dueAt } };
  const target = claim.policy?.overdueEscalatesTo ?? null;
  if (target === null || escalationRank(target) <= escalationRank(claim.escalationLevel)) return [overdue];
  const body = `${deadline} deadline (due ${dueAt}) passed unanswered`;
  const escalated: E.ClaimEscalated = {
    type: 'ClaimEscalated',
    data: { ...stamp(claim, command), level: target, previousLevel: claim.escalationLevel, reason: 'RESPONSE_OVERDUE', body, caseReference: null },
  };
  return [overdue, escalated];
}

/** 自动补上: the outage's service extension, granted and applied at once (no payment record needed). */
function applyOutageMakeUp(command: C.ApplyOutageMakeUp, claim: ExistingClaim): E.ClaimEvent[] {
  const { outageId, platformId, product, startedAt, endedAt, extensionHours } = command.data;
  const incident = Date.parse(claim.incidentAt);
  const covered =
    platformId === claim.platformId &&
    (product === null || product === claim.product) &&
    incident >= Date.parse(startedAt) &&
    incident <= Date.parse(endedAt);
  if (!covered) throw new DomainError('OUTAGE_DOES_NOT_COVER_CLAIM');
  const remedy: E.Remedy = { kind: 'SERVICE_EXTENSION', extensionHours };
  const note = `automatic make-up (自动补上) for outage ${outageId}, ${startedAt} to ${endedAt}`;
  return [
    { type: 'ClaimResolved', data: { ...stamp(claim, command), remedy, note, outageId } },
    { type: 'RemedyDelivered', data: { ...stamp(claim, command), transactionReference: `outage-make-up:${outageId}` } },
  ];
}

function unknownCommand(command: never): never {
  // Reached only by input that bypassed the types; the compiler proves every known type is handled.
  throw new Error(`unknown claim command: ${JSON.stringify((command as { type?: unknown }).type)}`);
}
