import { registerEnumType } from 'type-graphql';
import {
  CLAIM_STATUSES,
  ESCALATION_LEVELS,
  ESCALATION_REASONS,
  EVIDENCE_KINDS,
  REJECTION_REASONS,
  REMEDY_KINDS,
} from '../../services/claims';

/** type-graphql wants enum objects; the domain's value lists are the single source of the values. */
function enumOf<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const ClaimStatusEnum = enumOf(CLAIM_STATUSES);
export const EscalationLevelEnum = enumOf(ESCALATION_LEVELS);
export const EscalationReasonEnum = enumOf(ESCALATION_REASONS);
export const RemedyKindEnum = enumOf(REMEDY_KINDS);
export const EvidenceKindEnum = enumOf(EVIDENCE_KINDS);
export const RejectionReasonEnum = enumOf(REJECTION_REASONS);

registerEnumType(ClaimStatusEnum, { name: 'ClaimStatus' });
registerEnumType(EscalationLevelEnum, { name: 'EscalationLevel' });
registerEnumType(EscalationReasonEnum, { name: 'EscalationReason' });
registerEnumType(RemedyKindEnum, { name: 'RemedyKind' });
registerEnumType(EvidenceKindEnum, { name: 'EvidenceKind' });
registerEnumType(RejectionReasonEnum, { name: 'RejectionReason' });
