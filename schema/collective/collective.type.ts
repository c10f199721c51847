import { IsOptional, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ClaimStatus, EscalationLevel } from '../../services/claims';
import { ClaimStatusEnum, EscalationLevelEnum } from '../claims/claim.enums';
import { RemedyInput } from '../claims/claim.inputs';
import { Remedy } from '../claims/claim.type';
import { DateTimeScalar } from '../scalars';

@ObjectType()
export class StatusCount {
  @Field(() => ClaimStatusEnum) status!: ClaimStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Buyers hit by the same outage acting together (集体维权); members and counts come with it.' })
export class CollectiveCase {
  @Field(() => ID) id!: string;
  @Field(() => String) platformId!: string;
  @Field(() => String, { nullable: true }) outageId!: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) openedBy!: string;
  @Field(() => EscalationLevelEnum) escalationLevel!: EscalationLevel;
  @Field(() => String, { description: 'OPEN or RESOLVED.' }) status!: string;
  @Field(() => Remedy, { nullable: true }) remedy!: Remedy | null;
  @Field(() => Int, { description: 'Claims in the case now (a claimant sees only their own among `members`).' }) memberCount!: number;
  @Field(() => DateTimeScalar) openedAt!: Date;
}

@ObjectType()
export class CollectiveCasePayload {
  @Field(() => CollectiveCase) collectiveCase!: CollectiveCase;
  @Field(() => String) position!: string;
}

@InputType({ isAbstract: true } as never)
abstract class CaseCommandInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MinLength(1) @MaxLength(200) idempotencyKey?: string | null;
}

@InputType()
export class OpenCollectiveCaseInput extends CaseCommandInput {
  @Field(() => String) @MinLength(1) @MaxLength(200) platformId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() outageId?: string | null;
  @Field(() => String) @MinLength(1) @MaxLength(200) title!: string;
}

@InputType()
export class CollectiveMembershipInput extends CaseCommandInput {
  @Field(() => ID) @IsUUID() claimId!: string;
}

@InputType()
export class EscalateCollectiveCaseInput extends CaseCommandInput {
  @Field(() => EscalationLevelEnum) level!: EscalationLevel;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) body?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) caseReference?: string | null;
}

@InputType()
export class ResolveCollectiveCaseInput extends CaseCommandInput {
  @Field(() => RemedyInput) @ValidateNested() remedy!: RemedyInput;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) note?: string | null;
}
