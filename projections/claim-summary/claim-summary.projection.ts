import type { RecordedEvent } from '../../services/event-store';
import { CLAIM_EVENT_TYPES, type ClaimEvent, type ClaimFiled, type Remedy } from '../../services/claims/events';
import { statusAfter } from '../../services/claims/status';
import { claimIdOfStream } from '../../services/claims/streams';
import { asClaimEvent, toUtcIso, type Projection } from '../projection';
import { ClaimSummarySchema, type ClaimSummaryRow } from './claim-summary.entity';
import { deadlineColumnsAfter, deadlineColumnsAtFiling } from './deadline-columns';

/**
 * The dashboard's question, "where does each claim stand?": one row per claim stream. Status comes
 * from the decider's own `statusAfter`, so the list and the decider never disagree.
 */
export const claimSummaryProjection: Projection<ClaimSummaryRow> = {
  name: 'claim-summary',
  // 2: policy, deadline and make-up columns.
  version: 2,
  entity: ClaimSummarySchema,
  handles: CLAIM_EVENT_TYPES,
  keyOf: (event) => claimIdOfStream(event.streamId),
  evolve: evolveClaimSummary,
};

/** The row after `event`; events at or below the row's revision were applied already and change nothing. */
export function evolveClaimSummary(row: ClaimSummaryRow | null, recorded: RecordedEvent): ClaimSummaryRow | null {
  const event = asClaimEvent(recorded);
  if (event === null) return row;
  // A stream starts with ClaimFiled; anything before it has no claim to describe.
  if (row === null) return event.type === 'ClaimFiled' ? filedRow(event, recorded) : null;
  if (recorded.revision <= BigInt(row.revision)) return row;
  return {
    ...applied(row, event),
    ...deadlineColumnsAfter(row, event, row.status),
    status: statusAfter(row.status, event),
    revision: Number(recorded.revision),
    lastEventAt: toUtcIso(event.data.occurredAt),
    lastPosition: recorded.position.toString(),
  };
}

function filedRow({ data }: ClaimFiled, recorded: RecordedEvent): ClaimSummaryRow {
  const requested = remedyColumns(data.remedyRequested);
  const filedAt = toUtcIso(data.occurredAt);
  return {
    id: claimIdOfStream(recorded.streamId) ?? data.claimId,
    status: 'FILED',
    escalationLevel: 'NONE',
    revision: Number(recorded.revision),
    claimantId: data.claimantId,
    platformId: data.platformId,
    orderReference: data.order.reference,
    product: data.product,
    amountPaidAmount: data.order.amountPaid.amount,
    amountPaidCurrency: data.order.amountPaid.currency,
    remedyRequestedKind: data.remedyRequested.kind,
    remedyRequestedAmount: requested.amount,
    remedyRequestedCurrency: requested.currency,
    remedyRequestedExtensionHours: requested.extensionHours,
    ...NO_REMEDY_GRANTED,
    remedyDelivered: false,
    incidentAt: toUtcIso(data.incident.occurredAt),
    filedAt,
    filingDeadline: toUtcIso(data.filingDeadline),
    filedLate: data.filedLate,
    description: data.incident.description,
    assignedTo: null,
    rejectionReason: null,
    resubmissionCount: 0,
    lastEventAt: filedAt,
    lastPosition: recorded.position.toString(),
    ...deadlineColumnsAtFiling(data),
    compensatedByOutageId: null,
  };
}

/** What each event changes besides status, revision and the last-event fields. */
function applied(row: ClaimSummaryRow, event: ClaimEvent): ClaimSummaryRow {
  switch (event.type) {
    case 'ClaimAssigned':
      return { ...row, assignedTo: event.data.agentId };
    case 'ClaimRejected':
      return { ...row, rejectionReason: event.data.reason };
    case 'ClaimResubmitted':
      return { ...row, rejectionReason: null, resubmissionCount: event.data.resubmission };
    case 'ClaimEscalated':
      return { ...row, escalationLevel: event.data.level };
    case 'ClaimResolved':
      return {
        ...row,
        ...remedyGrantedColumns(event.data.remedy),
        rejectionReason: null,
        compensatedByOutageId: event.data.outageId ?? null,
      };
    case 'RemedyDelivered':
      return { ...row, remedyDelivered: true };
    default:
      return row;
  }
}

const NO_REMEDY_GRANTED = {
  remedyGrantedKind: null,
  remedyGrantedAmount: null,
  remedyGrantedCurrency: null,
  remedyGrantedExtensionHours: null,
} as const;

function remedyGrantedColumns(remedy: Remedy): Pick<
  ClaimSummaryRow,
  'remedyGrantedKind' | 'remedyGrantedAmount' | 'remedyGrantedCurrency' | 'remedyGrantedExtensionHours'
> {
  const columns = remedyColumns(remedy);
  return {
    remedyGrantedKind: remedy.kind,
    remedyGrantedAmount: columns.amount,
    remedyGrantedCurrency: columns.currency,
    remedyGrantedExtensionHours: columns.extensionHours,
  };
}

function remedyColumns(remedy: Remedy): { amount: number | null; currency: string | null; extensionHours: number | null } {
  return {
    amount: remedy.amount?.amount ?? null,
    currency: remedy.amount?.currency ?? null,
    extensionHours: remedy.extensionHours ?? null,
  };
}
