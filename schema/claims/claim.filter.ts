import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { ClaimStatus, EscalationLevel } from '../../services/claims';
import { DateTimeScalar } from '../scalars';
import { Text } from '../validation';
import { ClaimStatusEnum, EscalationLevelEnum } from './claim.enums';

/** Filters of the `claims` list; all given ones must hold. */
@InputType()
export class ClaimFilter {
  @Field(() => [ClaimStatusEnum], { nullable: true }) status?: ClaimStatus[] | null;
  @Field(() => [EscalationLevelEnum], { nullable: true }) escalationLevel?: EscalationLevel[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, 200) platformId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, 200) claimantId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Text(0, 200) assignedTo?: string | null;
  @Field(() => Boolean, { nullable: true }) filedLate?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) filedFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) filedTo?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Claims with (true) or without (false) a missed deadline still unmet.' })
  overdue?: boolean | null;
}
