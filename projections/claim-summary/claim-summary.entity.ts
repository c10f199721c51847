import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type {
  EscalationLevel,
  Money,
  RejectionReason,
  Remedy,
  RemedyKind,
} from '../../services/claims/events';
import type { ClaimStatus } from '../../services/claims/status';
import type { DeadlineColumns } from './deadline-columns';

/**
 * One row per claim: every scalar field of the API's `Claim`, flattened into columns. Times are
 * fixed-width UTC ISO-8601 strings, so text order is time order in every SQL database.
 */
export interface ClaimSummaryRow extends DeadlineColumns {
  id: string;
  status: ClaimStatus;
  escalationLevel: EscalationLevel;
  /** Stream revision of the last event applied (0 for ClaimFiled). */
  revision: number;
  claimantId: string;
  platformId: string;
  orderReference: string;
  product: string;
  amountPaidAmount: number;
  amountPaidCurrency: string;
  remedyRequestedKind: RemedyKind;
  remedyRequestedAmount: number | null;
  remedyRequestedCurrency: string | null;
  remedyRequestedExtensionHours: number | null;
  remedyGrantedKind: RemedyKind | null;
  remedyGrantedAmount: number | null;
  remedyGrantedCurrency: string | null;
  remedyGrantedExtensionHours: number | null;
  remedyDelivered: boolean;
  incidentAt: string;
  /** ClaimFiled's `occurredAt`. */
  filedAt: string;
  filingDeadline: string;
  filedLate: boolean;
  /** The incident's description. */
  description: string;
  assignedTo: string | null;
  /** The current rejection's reason; null once resubmitted or resolved. */
  rejectionReason: RejectionReason | null;
  resubmissionCount: number;
  /** `occurredAt` of the last event applied. */
  lastEventAt: string;
  /** Global position of the last event applied, as a decimal string. */
  lastPosition: string;
  /** The outage whose automatic make-up resolved the claim, if one did. */
  compensatedByOutageId: string | null;
}

const code = { type: 'string', length: 32 } as const;
const time = { type: 'string', length: 32 } as const;
const reference = { type: 'string', length: 200 } as const;
const optional = <T extends object>(prop: T) => ({ ...prop, nullable: true }) as const;

/**
 * Table `claim_summary`. Each index the `claims` list uses ends with the list's order (filed_at,
 * id) after the filter's columns, so a page's ids and its count come from the index alone: with
 * equality on the leading columns the page is a walk in order; with a list (`status in (…)`) the
 * database merges a few sorted runs; nothing reads thousands of whole rows (BENCHMARKS.md, "Dashboard").
 */
export const ClaimSummarySchema = new EntitySchema<ClaimSummaryRow>({
  name: 'ClaimSummary',
  tableName: 'claim_summary',
  properties: {
    id: { type: 'string', length: 36, primary: true },
    status: code,
    escalationLevel: code,
    revision: { type: 'integer' },
    claimantId: reference,
    platformId: reference,
    orderReference: reference,
    product: { type: 'text' },
    amountPaidAmount: { type: 'integer' },
    amountPaidCurrency: { type: 'string', length: 3 },
    remedyRequestedKind: code,
    remedyRequestedAmount: optional({ type: 'integer' }),
    remedyRequestedCurrency: optional({ type: 'string', length: 3 }),
    remedyRequestedExtensionHours: optional({ type: 'integer' }),
    remedyGrantedKind: optional(code),
    remedyGrantedAmount: optional({ type: 'integer' }),
    remedyGrantedCurrency: optional({ type: 'string', length: 3 }),
    remedyGrantedExtensionHours: optional({ type: 'integer' }),
    remedyDelivered: { type: 'boolean' },
    incidentAt: time,
    filedAt: time,
    filingDeadline: time,
    filedLate: { type: 'boolean' },
    description: { type: 'text' },
    assignedTo: optional(reference),
    rejectionReason: optional(code),
    resubmissionCount: { type: 'integer' },
    lastEventAt: time,
    lastPosition: { type: new BigIntType('string') },
    policyPlatformId: optional(reference),
    policyVersion: optional({ type: 'integer' }),
    deadlineRound: { type: 'integer' },
    deadlineClock: optional({ type: 'text' }),
    responseDueAt: optional(time),
    resolutionDueAt: optional(time),
    responseOverdue: { type: 'boolean' },
    resolutionOverdue: { type: 'boolean' },
    overdue: { type: 'boolean' },
    deadlinesPaused: { type: 'boolean' },
    compensatedByOutageId: optional({ type: 'string', length: 100 }),
  },
  indexes: [
    { name: 'claim_summary_order', properties: ['filedAt', 'id'] },
    { name: 'claim_summary_status', properties: ['status', 'filedAt', 'id'] },
    { name: 'claim_summary_escalation', properties: ['escalationLevel', 'filedAt', 'id'] },
    // A platform's queue by status, and its late filings: the two ways a platform's claims are read.
    { name: 'claim_summary_platform', properties: ['platformId', 'status', 'filedAt', 'id'] },
    { name: 'claim_summary_platform_late', properties: ['platformId', 'filedLate', 'filedAt', 'id'] },
    { name: 'claim_summary_claimant', properties: ['claimantId', 'filedAt', 'id'] },
    // An agent's queue by status.
    { name: 'claim_summary_assignee', properties: ['assignedTo', 'status', 'filedAt', 'id'] },
    { name: 'claim_summary_late', properties: ['filedLate', 'filedAt', 'id'] },
    { name: 'claim_summary_overdue', properties: ['overdue', 'filedAt', 'id'] },
    // The deadline processor's poll: deadlines passed and not yet recorded as overdue.
    { name: 'claim_summary_response_due', properties: ['responseOverdue', 'responseDueAt'] },
    { name: 'claim_summary_resolution_due', properties: ['resolutionOverdue', 'resolutionDueAt'] },
    { name: 'claim_summary_outage', properties: ['compensatedByOutageId'] },
  ],
});

/** The amount paid, as the API shows money. */
export function amountPaidOf(row: ClaimSummaryRow): Money {
  return { amount: row.amountPaidAmount, currency: row.amountPaidCurrency };
}

/** The remedy the claimant asked for. */
export function remedyRequestedOf(row: ClaimSummaryRow): Remedy {
  return remedyOf(
    row.remedyRequestedKind,
    row.remedyRequestedAmount,
    row.remedyRequestedCurrency,
    row.remedyRequestedExtensionHours,
  );
}

/** The remedy granted by the last resolution, or null before any. */
export function remedyGrantedOf(row: ClaimSummaryRow): Remedy | null {
  if (row.remedyGrantedKind === null) return null;
  return remedyOf(row.remedyGrantedKind, row.remedyGrantedAmount, row.remedyGrantedCurrency, row.remedyGrantedExtensionHours);
}

function remedyOf(kind: RemedyKind, amount: number | null, currency: string | null, extensionHours: number | null): Remedy {
  return {
    kind,
    amount: amount !== null && currency !== null ? { amount, currency } : null,
    extensionHours,
  };
}
