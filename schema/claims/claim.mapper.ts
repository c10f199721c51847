import {
  amountPaidOf,
  remedyGrantedOf,
  remedyRequestedOf,
  type ClaimSummaryRow,
} from '../../projections/claim-summary/claim-summary.entity';
import type { ClaimEvidenceRow } from '../../projections/claim-evidence/claim-evidence.entity';
import type { Claim, Evidence } from './claim.type';

/** A claim summary row as the API's `Claim` (its evidence and history are resolved separately). */
export function toClaim(row: ClaimSummaryRow): Claim {
  return {
    id: row.id,
    status: row.status,
    escalationLevel: row.escalationLevel,
    revision: row.revision,
    claimantId: row.claimantId,
    platformId: row.platformId,
    orderReference: row.orderReference,
    product: row.product,
    amountPaid: amountPaidOf(row),
    remedyRequested: withNulls(remedyRequestedOf(row)),
    remedyGranted: row.remedyGrantedKind ? withNulls(remedyGrantedOf(row)!) : null,
    remedyDelivered: row.remedyDelivered,
    incidentAt: new Date(row.incidentAt),
    filedAt: new Date(row.filedAt),
    filingDeadline: new Date(row.filingDeadline),
    filedLate: row.filedLate,
    description: row.description,
    assignedTo: row.assignedTo,
    rejectionReason: row.rejectionReason,
    resubmissionCount: row.resubmissionCount,
    lastEventAt: new Date(row.lastEventAt),
    policy: row.policyVersion === null ? null : { platformId: row.policyPlatformId, version: row.policyVersion },
    responseDueAt: dateOrNull(row.responseDueAt),
    resolutionDueAt: dateOrNull(row.resolutionDueAt),
    responseOverdue: row.responseOverdue,
    resolutionOverdue: row.resolutionOverdue,
    overdue: row.overdue,
    deadlinesPaused: row.deadlinesPaused,
    compensatedByOutageId: row.compensatedByOutageId,
  };
}

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

function withNulls(remedy: ReturnType<typeof remedyRequestedOf>): Claim['remedyRequested'] {
  return { kind: remedy.kind, amount: remedy.amount ?? null, extensionHours: remedy.extensionHours ?? null };
}

export function toEvidence(row: ClaimEvidenceRow): Evidence {
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    sha256: row.sha256,
    uri: row.uri,
    addedAt: new Date(row.addedAt),
    capturedAt: row.capturedAt ? new Date(row.capturedAt) : null,
  };
}
