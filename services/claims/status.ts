import type { ClaimEvent } from './events';

export const CLAIM_STATUSES = [
  'FILED',
  'UNDER_REVIEW',
  'AWAITING_CLAIMANT',
  'REJECTED',
  'RESOLVED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const FINAL_STATUSES: readonly ClaimStatus[] = ['CLOSED', 'WITHDRAWN'];

export function isFinalStatus(status: ClaimStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/**
 * The status after an (accepted) event: the "status after" column of DESIGN.md's transition table.
 * Shared by the decider's `evolve` and by the read models, so the two can never disagree.
 */
export function statusAfter(status: ClaimStatus, event: ClaimEvent): ClaimStatus {
  switch (event.type) {
    case 'ClaimFiled':
      return 'FILED';
    case 'ClaimAssigned':
      return status === 'AWAITING_CLAIMANT' ? status : 'UNDER_REVIEW';
    case 'EvidenceAdded':
      return status === 'AWAITING_CLAIMANT' ? 'UNDER_REVIEW' : status;
    case 'InformationRequested':
      return 'AWAITING_CLAIMANT';
    case 'ClaimRejected':
      return 'REJECTED';
    case 'ClaimResubmitted':
      return 'UNDER_REVIEW';
    case 'ClaimResolved':
      return 'RESOLVED';
    case 'ClaimClosed':
      return 'CLOSED';
    case 'ClaimWithdrawn':
      return 'WITHDRAWN';
    case 'ClaimEscalated':
    case 'RemedyDelivered':
    case 'ClaimantFollowedUp':
    case 'ResponseOverdue':
      return status;
  }
}
