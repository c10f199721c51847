import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import type { DurationUnit, EscalationLevel } from '../../services/claims';
import { EscalationLevelEnum } from '../claims/claim.enums';
import { DurationUnitEnum } from './policy.type';

@InputType()
export class DeadlineDurationInput {
  @Field(() => Int) @Min(1) @Max(100_000) amount!: number;
  @Field(() => DurationUnitEnum) unit!: DurationUnit;
}

@InputType()
export class WorkCalendarInput {
  @Field(() => Int, { defaultValue: 480 }) @Min(-840) @Max(840) utcOffsetMinutes!: number;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(1000) holidays!: string[];
}

@InputType()
export class MakeUpTermsInput {
  @Field(() => Int) @Min(0) thresholdMinutes!: number;
  @Field(() => Float) extensionFactor!: number;
  @Field(() => Int, { defaultValue: 1 }) @Min(1) minimumExtensionHours!: number;
}

@InputType()
export class PolicyTermsInput {
  @Field(() => Int) @Min(1) filingWindowHours!: number;
  @Field(() => Int) @Min(0) @Max(100) maxResubmissions!: number;
  @Field(() => DeadlineDurationInput) @ValidateNested() firstResponse!: DeadlineDurationInput;
  @Field(() => DeadlineDurationInput) @ValidateNested() resolution!: DeadlineDurationInput;
  @Field(() => EscalationLevelEnum, { nullable: true }) overdueEscalatesTo?: EscalationLevel | null;
  @Field(() => MakeUpTermsInput, { nullable: true }) @IsOptional() @ValidateNested() makeUp?: MakeUpTermsInput | null;
  @Field(() => WorkCalendarInput) @ValidateNested() calendar!: WorkCalendarInput;
}

@InputType()
export class SetPlatformPolicyInput {
  @Field(() => String, { nullable: true, description: 'The platform; absent or null sets the default policy.' })
  @IsOptional() @MinLength(1) @MaxLength(200) platformId?: string | null;
  @Field(() => PolicyTermsInput) @ValidateNested() terms!: PolicyTermsInput;
  @Field(() => String, { nullable: true }) @IsOptional() @MinLength(1) @MaxLength(200) idempotencyKey?: string | null;
}
