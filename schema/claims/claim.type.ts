import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ClaimStatus, EscalationLevel, EvidenceKind, RejectionReason, RemedyKind } from '../../services/claims';
import { DateTimeScalar, JSONObjectScalar } from '../scalars';
import {
  ClaimStatusEnum,
  EscalationLevelEnum,
  EvidenceKindEnum,
  RejectionReasonEnum,
  RemedyKindEnum,
} from './claim.enums';

// Every @Field names its type: ts-jest and esbuild do not emit the metadata type-graphql would infer from.
// `simpleResolvers`: these types' plain fields are read by graphql-js's default resolver instead of a
// type-graphql wrapper per field (no middleware or auth checker applies to them); a page of 50 claims
// resolves over a thousand such fields. Fields with a @FieldResolver (evidence, history) are unaffected.

@ObjectType({ description: 'An amount in minor units (fen for CNY) and its ISO-4217 currency.', simpleResolvers: true })
export class Money {
  @Field(() => Int) amount!: number;
  @Field(() => String) currency!: string;
}

@ObjectType({ simpleResolvers: true })
export class Remedy {
  @Field(() => RemedyKindEnum) kind!: RemedyKind;
  @Field(() => Money, { nullable: true }) amount!: Money | null;
  @Field(() => Int, { nullable: true }) extensionHours!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class Evidence {
  @Field(() => ID) id!: string;
  @Field(() => EvidenceKindEnum) kind!: EvidenceKind;
  @Field(() => String) description!: string;
  @Field(() => String) sha256!: string;
  @Field(() => String, { nullable: true }) uri!: string | null;
  @Field(() => DateTimeScalar) addedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the evidence itself was captured, if known.' })
  capturedAt!: Date | null;
}

@ObjectType({ description: "One event of a claim's stream, as recorded in the event store.", simpleResolvers: true })
export class ClaimEvent {
  @Field(() => ID) id!: string;
  @Field(() => String) type!: string;
  @Field(() => Int) revision!: number;
  @Field(() => String, { description: "The event store's global position, as a decimal string." }) position!: string;
  @Field(() => DateTimeScalar) recordedAt!: Date;
  @Field(() => JSONObjectScalar) data!: Record<string, unknown>;
  @Field(() => String) actorId!: string;
  @Field(() => String) actorRole!: string;
  @Field(() => String, { description: 'SHA-256 over prevHash and the canonical JSON of the event as stored (hex).' })
  hash!: string;
  @Field(() => String, { nullable: true, description: "The previous event's hash; null for the stream's first event." })
  prevHash!: string | null;
}

@ObjectType({ description: 'The policy a claim was filed under: which platform (null: the default policy) and which version.', simpleResolvers: true })
export class ClaimPolicyRef {
  @Field(() => String, { nullable: true }) platformId!: string | null;
  @Field(() => Int) version!: number;
}

/** A claim as its read model shows it; `evidence` and `history` are resolved by ClaimFieldsResolver. */
@ObjectType({ simpleResolvers: true })
export class Claim {
  /**
   * Not a GraphQL field. What was read together with the claim, which the field resolvers then
   * answer without a loader: a claim as it stood at an earlier revision (`claimAsOf`) carries its
   * evidence and history then; a page of the list, its evidence when the query asks for it.
   */
  loaded?: { evidence?: Evidence[]; history?: ClaimEvent[] };

  @Field(() => ID) id!: string;
  @Field(() => ClaimStatusEnum) status!: ClaimStatus;
  @Field(() => EscalationLevelEnum) escalationLevel!: EscalationLevel;
  @Field(() => Int) revision!: number;
  @Field(() => String) claimantId!: string;
  @Field(() => String) platformId!: string;
  @Field(() => String) orderReference!: string;
  @Field(() => String) product!: string;
  @Field(() => Money) amountPaid!: Money;
  @Field(() => Remedy) remedyRequested!: Remedy;
  @Field(() => Remedy, { nullable: true }) remedyGranted!: Remedy | null;
  @Field(() => Boolean) remedyDelivered!: boolean;
  @Field(() => DateTimeScalar) incidentAt!: Date;
  @Field(() => DateTimeScalar) filedAt!: Date;
  @Field(() => DateTimeScalar) filingDeadline!: Date;
  @Field(() => Boolean) filedLate!: boolean;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) assignedTo!: string | null;
  @Field(() => RejectionReasonEnum, { nullable: true }) rejectionReason!: RejectionReason | null;
  @Field(() => Int) resubmissionCount!: number;
  @Field(() => DateTimeScalar) lastEventAt!: Date;
  @Field(() => ClaimPolicyRef, { nullable: true, description: 'Null for claims filed before platform policies.' })
  policy!: ClaimPolicyRef | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the platform's first answer is due; null once answered, while paused, or without a policy." })
  responseDueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a decision is due; null once decided, while paused, or without a policy.' })
  resolutionDueAt!: Date | null;
  @Field(() => Boolean, { description: 'The first-response deadline of the current round was recorded as missed.' })
  responseOverdue!: boolean;
  @Field(() => Boolean, { description: 'The resolution deadline of the current round was recorded as missed.' })
  resolutionOverdue!: boolean;
  @Field(() => Boolean, { description: 'A missed deadline is still unmet.' }) overdue!: boolean;
  @Field(() => Boolean, { description: "The platform's clocks stand still: the claim awaits the claimant." }) deadlinesPaused!: boolean;
  @Field(() => String, { nullable: true, description: 'The outage whose automatic make-up resolved the claim.' })
  compensatedByOutageId!: string | null;
}
