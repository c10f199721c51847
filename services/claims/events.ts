import type { DeadlineKind } from './deadline-clock';
import type { AppliedPolicy } from './policy-terms';

/**
 * The facts of a claim's life, one type per fact. Each event carries everything a reader needs
 * (no "see the previous event") and the time it happened (`occurredAt`, ISO-8601, from the command).
 */

export type Currency = string;

/** An amount of money in minor units (fen for CNY) and its ISO-4217 currency. */
export interface Money {
  amount: number;
  currency: Currency;
}

export const REMEDY_KINDS = ['FULL_REFUND', 'PARTIAL_REFUND', 'SERVICE_EXTENSION', 'COUPON'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/** What the claimant asks for or is granted; `amount` for refunds and coupons, `extensionHours` for extensions. */
export interface Remedy {
  kind: RemedyKind;
  amount?: Money | null;
  extensionHours?: number | null;
}

export const EVIDENCE_KINDS = [
  'PAYMENT_RECORD',
  'SCREENSHOT',
  'ERROR_MESSAGE',
  'SERVICE_LOG',
  'CHAT_TRANSCRIPT',
  'OTHER',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const REJECTION_REASONS = [
  'INSUFFICIENT_EVIDENCE',
  'OUTSIDE_FILING_WINDOW',
  'NOT_COVERED',
  'DUPLICATE',
  'SUSPECTED_FRAUD',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The escalation ladder, lowest first. Levels may be skipped, never lowered. */
export const ESCALATION_LEVELS = [
  'NONE',
  'PLATFORM_MANAGEMENT',
  'CONSUMER_ASSOCIATION',
  'REGULATOR',
  'COURT',
] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_REASONS = [
  'CLAIMANT_REQUEST',
  'REJECTION_DISPUTED',
  'RESPONSE_OVERDUE',
  'AGENT_DECISION',
  /** A collective case the claim belongs to went up the ladder (appended for each member by the system). */
  'COLLECTIVE_ACTION',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Commands and events share ESDB's envelope; metadata is added by the service, never by the decider. */
export interface Envelope<Type extends string, Data> {
  type: Type;
  data: Data;
}

/** A buyer's claim was filed (by the buyer, or by an agent on their behalf). */
export type ClaimFiled = Envelope<
  'ClaimFiled',
  {
    claimId: string;
    claimantId: string;
    platformId: string;
    order: { reference: string; amountPaid: Money; paidAt: string };
    product: string;
    incident: { occurredAt: string; durationMinutes: number | null; description: string };
    remedyRequested: Remedy;
    filingDeadline: string;
    filedLate: boolean;
    /** The platform policy the claim was filed under (schema version 2); null for claims filed before policies. */
    policy: AppliedPolicy | null;
    occurredAt: string;
  }
>;

/** An agent took the claim (or a supervisor gave it to one). */
export type ClaimAssigned = Envelope<'ClaimAssigned', { claimId: string; agentId: string; occurredAt: string }>;

/** A content digest: the algorithm named with the value, so that another algorithm can follow. */
export interface EvidenceDigest {
  algorithm: 'sha-256';
  /** Lowercase hexadecimal. */
  value: string;
}

/**
 * A piece of evidence was put on file; the content itself stays outside, identified by its digest.
 * Schema version 2; version 1 had `sha256: string` instead of `digest` (services/upcasting turns
 * stored version-1 events into this shape on read).
 */
export type EvidenceAdded = Envelope<
  'EvidenceAdded',
  {
    claimId: string;
    evidenceId: string;
    kind: EvidenceKind;
    description: string;
    digest: EvidenceDigest;
    uri: string | null;
    capturedAt: string | null;
    occurredAt: string;
  }
>;

/** The platform asked the claimant for something, optionally by a date. */
export type InformationRequested = Envelope<
  'InformationRequested',
  { claimId: string; message: string; dueBy: string | null; occurredAt: string }
>;

/** The platform turned the claim down, with a reason code and an explanation. */
export type ClaimRejected = Envelope<
  'ClaimRejected',
  { claimId: string; reason: RejectionReason; explanation: string; occurredAt: string }
>;

/** The claimant resubmitted after a rejection, with the evidence added since. */
export type ClaimResubmitted = Envelope<
  'ClaimResubmitted',
  { claimId: string; note: string; evidenceIds: string[]; resubmission: number; occurredAt: string }
>;

/** The claim went up the ladder to a higher level. */
export type ClaimEscalated = Envelope<
  'ClaimEscalated',
  {
    claimId: string;
    level: EscalationLevel;
    previousLevel: EscalationLevel;
    reason: EscalationReason;
    body: string | null;
    caseReference: string | null;
    occurredAt: string;
  }
>;

/**
 * A remedy was granted. Schema version 2 added `outageId`: the outage whose automatic make-up
 * (自动补上) granted it, null when a person did.
 */
export type ClaimResolved = Envelope<
  'ClaimResolved',
  { claimId: string; remedy: Remedy; note: string | null; outageId: string | null; occurredAt: string }
>;

/** The granted remedy reached the claimant (refund paid, extension applied, coupon issued). */
export type RemedyDelivered = Envelope<
  'RemedyDelivered',
  { claimId: string; transactionReference: string; occurredAt: string }
>;

/** The claimant gave up the claim. Final. */
export type ClaimWithdrawn = Envelope<'ClaimWithdrawn', { claimId: string; reason: string; occurredAt: string }>;

/** The claim was closed. Final. */
export type ClaimClosed = Envelope<'ClaimClosed', { claimId: string; note: string | null; occurredAt: string }>;

/** The claimant chased an answer (催促). */
export type ClaimantFollowedUp = Envelope<
  'ClaimantFollowedUp',
  { claimId: string; message: string; occurredAt: string }
>;

/** A deadline passed unanswered (appended by the deadline policy, not by a person). */
export type ResponseOverdue = Envelope<
  'ResponseOverdue',
  { claimId: string; deadline: DeadlineKind; dueAt: string; occurredAt: string }
>;

export type ClaimEvent =
  | ClaimFiled
  | ClaimAssigned
  | EvidenceAdded
  | InformationRequested
  | ClaimRejected
  | ClaimResubmitted
  | ClaimEscalated
  | ClaimResolved
  | RemedyDelivered
  | ClaimWithdrawn
  | ClaimClosed
  | ClaimantFollowedUp
  | ResponseOverdue;

export type ClaimEventType = ClaimEvent['type'];

export const CLAIM_EVENT_TYPES: readonly ClaimEventType[] = [
  'ClaimFiled',
  'ClaimAssigned',
  'EvidenceAdded',
  'InformationRequested',
  'ClaimRejected',
  'ClaimResubmitted',
  'ClaimEscalated',
  'ClaimResolved',
  'RemedyDelivered',
  'ClaimWithdrawn',
  'ClaimClosed',
  'ClaimantFollowedUp',
  'ResponseOverdue',
];

/**
 * The schema version of each event type's data shape, as the service writes it into the metadata
 * (`schemaVersion`). Bump a type's version when its shape changes, together with an upcaster step
 * from the previous version in services/upcasting: stored events are never rewritten.
 */
export const CLAIM_EVENT_SCHEMA_VERSIONS: Readonly<Record<ClaimEventType, number>> = {
  // 2: `policy` (the platform policy the claim was filed under).
  ClaimFiled: 2,
  ClaimAssigned: 1,
  // 2: `sha256: string` became `digest: { algorithm, value }`.
  EvidenceAdded: 2,
  InformationRequested: 1,
  ClaimRejected: 1,
  ClaimResubmitted: 1,
  ClaimEscalated: 1,
  // 2: `outageId` (the outage whose automatic make-up granted the remedy).
  ClaimResolved: 2,
  RemedyDelivered: 1,
  ClaimWithdrawn: 1,
  ClaimClosed: 1,
  ClaimantFollowedUp: 1,
  ResponseOverdue: 1,
};
