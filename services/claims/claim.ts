import { clockAfter, startClock, type DeadlineClock } from './deadline-clock';
import type { ClaimEvent, ClaimFiled, EscalationLevel, Money, Remedy } from './events';
import { FOLLOW_UPS_REMEMBERED } from './rules';
import type { PolicyTerms } from './policy-terms';
import { isFinalStatus, statusAfter } from './status';
import type { ClaimStatus } from './status';

/**
 * The state of a stream with no events yet: no claim. Id, claimant and status are present (as null)
 * so that callers can read them from any `ClaimState` without narrowing first.
 */
export interface NoClaim {
  exists: false;
  claimId: null;
  claimantId: null;
  status: null;
}

/**
 * What the decider needs to know about a filed claim, and nothing more: descriptions, evidence
 * details and the history belong to read models.
 */
export interface ExistingClaim {
  exists: true;
  claimId: string;
  claimantId: string;
  status: ClaimStatus;
  escalationLevel: EscalationLevel;
  amountPaid: Money;
  filedLate: boolean;
  paymentRecordOnFile: boolean;
  /** Ids of the evidence added since the last rejection (since filing before any rejection). */
  evidenceSinceRejection: readonly string[];
  /** Whether the claim went up the ladder since the last rejection (since filing before any). */
  escalatedSinceRejection: boolean;
  /** How many times the claim was resubmitted. */
  resubmissions: number;
  /** The agent the claim is assigned to, if any. */
  assignedTo: string | null;
  /** The remedy granted by the last resolution, if any. */
  remedyGranted: Remedy | null;
  remedyDelivered: boolean;
  /** When the claimant last followed up (ISO-8601, oldest first; the latest FOLLOW_UPS_REMEMBERED). */
  followUps: readonly string[];
  platformId: string;
  product: string;
  incidentAt: string;
  /** The terms of the policy the claim was filed under; null for claims filed before policies. */
  policy: PolicyTerms | null;
  /** The platform's deadlines; null without a policy. */
  clock: DeadlineClock | null;
}

/** A claim stream's state, folded from its events with `evolve`. */
export type ClaimState = NoClaim | ExistingClaim;

/** The state before the first event. */
export function initialState(): ClaimState {
  return { exists: false, claimId: null, claimantId: null, status: null };
}

/**
 * The state after `event`. Only records what happened (the decider already checked the rules when
 * the event was appended) and never throws, so any stored history can be replayed.
 */
export function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'ClaimFiled') return filed(event);
  // A stream always starts with ClaimFiled; anything else on no claim is ignored rather than thrown.
  if (!state.exists) return state;
  const clock = state.clock && clockAfter(state.clock, event, state.status);
  return record({ ...state, status: statusAfter(state.status, event), clock }, event);
}

/** Whether the claim is closed or withdrawn: it accepts nothing more. */
export function isTerminal(state: ClaimState): boolean {
  return state.exists && isFinalStatus(state.status);
}

function filed(event: ClaimFiled): ExistingClaim {
  return {
    exists: true,
    claimId: event.data.claimId,
    claimantId: event.data.claimantId,
    status: 'FILED',
    escalationLevel: 'NONE',
    amountPaid: event.data.order.amountPaid,
    filedLate: event.data.filedLate,
    paymentRecordOnFile: false,
    evidenceSinceRejection: [],
    escalatedSinceRejection: false,
    resubmissions: 0,
    assignedTo: null,
    remedyGranted: null,
    remedyDelivered: false,
    followUps: [],
    platformId: event.data.platformId,
    product: event.data.product,
    incidentAt: event.data.incident.occurredAt,
    policy: event.data.policy?.terms ?? null,
    clock: event.data.policy ? startClock(event.data.policy.terms, event.data.occurredAt) : null,
  };
}

function record(claim: ExistingClaim, event: Exclude<ClaimEvent, ClaimFiled>): ExistingClaim {
  switch (event.type) {
    case 'ClaimAssigned':
      return { ...claim, assignedTo: event.data.agentId };
    case 'EvidenceAdded':
      return {
        ...claim,
        paymentRecordOnFile: claim.paymentRecordOnFile || event.data.kind === 'PAYMENT_RECORD',
        evidenceSinceRejection: [...claim.evidenceSinceRejection, event.data.evidenceId],
      };
    case 'ClaimRejected':
      return { ...claim, evidenceSinceRejection: [], escalatedSinceRejection: false };
    case 'ClaimResubmitted':
      return { ...claim, resubmissions: event.data.resubmission };
    case 'ClaimEscalated':
      return { ...claim, escalationLevel: event.data.level, escalatedSinceRejection: true };
    case 'ClaimResolved':
      return { ...claim, remedyGranted: event.data.remedy, remedyDelivered: false };
    case 'RemedyDelivered':
      return { ...claim, remedyDelivered: true };
    case 'ClaimantFollowedUp':
      return { ...claim, followUps: [...claim.followUps, event.data.occurredAt].slice(-FOLLOW_UPS_REMEMBERED) };
    case 'InformationRequested':
    case 'ClaimWithdrawn':
    case 'ClaimClosed':
    case 'ResponseOverdue':
      return claim;
  }
}
