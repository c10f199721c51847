import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DurationUnit, EscalationLevel } from '../../services/claims';
import { EscalationLevelEnum } from '../claims/claim.enums';

export const DurationUnitEnum = { HOURS: 'HOURS', WORKING_DAYS: 'WORKING_DAYS' } as const;
registerEnumType(DurationUnitEnum, { name: 'DurationUnit', description: 'Calendar hours, or working days (weekends and holidays skipped).' });

@ObjectType()
export class DeadlineDuration {
  @Field(() => Int) amount!: number;
  @Field(() => DurationUnitEnum) unit!: DurationUnit;
}

@ObjectType({ description: 'Days are local to the UTC offset; Saturdays, Sundays and the holidays (YYYY-MM-DD) do not count.' })
export class WorkCalendar {
  @Field(() => Int) utcOffsetMinutes!: number;
  @Field(() => [String]) holidays!: string[];
}

@ObjectType({ description: 'Automatic make-up (自动补上): extension hours = max(minimum, ⌈outage hours × factor⌉) for outages longer than the threshold.' })
export class MakeUpTerms {
  @Field(() => Int) thresholdMinutes!: number;
  @Field(() => Float) extensionFactor!: number;
  @Field(() => Int) minimumExtensionHours!: number;
}

@ObjectType()
export class PolicyTerms {
  @Field(() => Int) filingWindowHours!: number;
  @Field(() => Int) maxResubmissions!: number;
  @Field(() => DeadlineDuration, { description: 'The first answer (information request, rejection or resolution) is due within this.' })
  firstResponse!: DeadlineDuration;
  @Field(() => DeadlineDuration, { description: 'A decision (rejection or resolution) is due within this.' })
  resolution!: DeadlineDuration;
  @Field(() => EscalationLevelEnum, { nullable: true, description: 'Where a missed deadline takes the claim; null: nowhere.' })
  overdueEscalatesTo!: EscalationLevel | null;
  @Field(() => MakeUpTerms, { nullable: true }) makeUp!: MakeUpTerms | null;
  @Field(() => WorkCalendar) calendar!: WorkCalendar;
}

@ObjectType({ description: "A platform's policy (or the default one, platformId null) at a version; version 0 is the built-in default." })
export class PlatformPolicy {
  @Field(() => String, { nullable: true }) platformId!: string | null;
  @Field(() => Int) version!: number;
  @Field(() => PolicyTerms) terms!: PolicyTerms;
}

@ObjectType()
export class PolicyPreset {
  @Field(() => String) name!: string;
  @Field(() => PolicyTerms) terms!: PolicyTerms;
}

@ObjectType()
export class PlatformPolicyPayload {
  @Field(() => PlatformPolicy) policy!: PlatformPolicy;
  @Field(() => String) position!: string;
}
