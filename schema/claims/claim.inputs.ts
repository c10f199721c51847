import { IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type {
  EscalationLevel,
  EscalationReason,
  EvidenceKind,
  RejectionReason,
  RemedyKind,
} from '../../services/claims';
import { DateTimeScalar } from '../scalars';
import { IsHttpUrl, IsKnownCurrency, Text } from '../validation';
import {
  EscalationLevelEnum,
  EscalationReasonEnum,
  EvidenceKindEnum,
  RejectionReasonEnum,
  RemedyKindEnum,
} from './claim.enums';

const SHORT = 200;
const LONG = 10_000;

@InputType()
export class MoneyInput {
  @Field(() => Int) @Min(0) amount!: number;
  @Field(() => String) @IsKnownCurrency() currency!: string;
}

@InputType()
export class RemedyInput {
  @Field(() => RemedyKindEnum) kind!: RemedyKind;
  @Field(() => MoneyInput, { nullable: true }) @IsOptional() @ValidateNested() amount?: MoneyInput | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) extensionHours?: number | null;
}

/** The fields every command on an existing claim shares. */
@InputType({ isAbstract: true } as never)
abstract class ClaimCommandInput {
  @Field(() => ID) @IsUUID() claimId!: string;
  @Field(() => Int, { nullable: true, description: 'The revision you last saw; a stale one answers CONFLICT.' })
  @IsOptional() @Min(0) expectedRevision?: number | null;
  @Field(() => String, { nullable: true, description: 'Send the same key again to repeat safely: nothing is appended twice.' })
  @IsOptional() @Text(1, SHORT) idempotencyKey?: string | null;
}

@InputType()
export class FileClaimInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() claimId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(1, SHORT) idempotencyKey?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(1, SHORT) claimantId?: string | null;
  @Field(() => String) @Text(1, SHORT) platformId!: string;
  @Field(() => String) @Text(1, SHORT) orderReference!: string;
  @Field(() => String) @Text(1, SHORT) product!: string;
  @Field(() => MoneyInput) @ValidateNested() amountPaid!: MoneyInput;
  @Field(() => DateTimeScalar) paidAt!: Date;
  @Field(() => DateTimeScalar) incidentAt!: Date;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) incidentMinutes?: number | null;
  @Field(() => String) @Text(1, LONG) description!: string;
  @Field(() => RemedyInput) @ValidateNested() remedyRequested!: RemedyInput;
}

@InputType()
export class AddEvidenceInput extends ClaimCommandInput {
  @Field(() => EvidenceKindEnum) kind!: EvidenceKind;
  @Field(() => String) @Text(1, LONG) description!: string;
  @Field(() => String) @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsHttpUrl(2048) uri?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) capturedAt?: Date | null;
}

@InputType()
export class AssignClaimInput extends ClaimCommandInput {
  @Field(() => String) @Text(1, SHORT) agentId!: string;
}

@InputType()
export class RequestInformationInput extends ClaimCommandInput {
  @Field(() => String) @Text(1, LONG) message!: string;
  @Field(() => DateTimeScalar, { nullable: true }) dueBy?: Date | null;
}

@InputType()
export class RejectClaimInput extends ClaimCommandInput {
  @Field(() => RejectionReasonEnum) reason!: RejectionReason;
  @Field(() => String) @Text(0, LONG) explanation!: string;
}

@InputType()
export class ResubmitClaimInput extends ClaimCommandInput {
  @Field(() => String) @Text(1, LONG) note!: string;
}

@InputType()
export class EscalateClaimInput extends ClaimCommandInput {
  @Field(() => EscalationLevelEnum) level!: EscalationLevel;
  @Field(() => EscalationReasonEnum) reason!: EscalationReason;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, SHORT) body?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, SHORT) caseReference?: string | null;
}

@InputType()
export class ResolveClaimInput extends ClaimCommandInput {
  @Field(() => RemedyInput) @ValidateNested() remedy!: RemedyInput;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, LONG) note?: string | null;
}

@InputType()
export class RecordRemedyDeliveredInput extends ClaimCommandInput {
  @Field(() => String) @Text(1, SHORT) transactionReference!: string;
}

@InputType()
export class WithdrawClaimInput extends ClaimCommandInput {
  @Field(() => String) @Text(1, LONG) reason!: string;
}

@InputType()
export class CloseClaimInput extends ClaimCommandInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, LONG) note?: string | null;
}

@InputType()
export class FollowUpClaimInput extends ClaimCommandInput {
  @Field(() => String) @Text(1, LONG) message!: string;
}
