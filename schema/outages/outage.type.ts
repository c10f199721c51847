import { IsOptional, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';

@ObjectType({ description: "A platform's service drop, as its monitoring or a supervisor reported it." })
export class Outage {
  @Field(() => ID) id!: string;
  @Field(() => String) platformId!: string;
  @Field(() => String, { nullable: true, description: 'Null: every product of the platform.' }) product!: string | null;
  @Field(() => String) description!: string;
  @Field(() => DateTimeScalar) startedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int, { nullable: true }) durationMinutes!: number | null;
  @Field(() => Int, { nullable: true, description: 'The service extension it earned under its platform policy; null: none (yet).' })
  makeUpExtensionHours!: number | null;
  @Field(() => Int, { nullable: true, description: 'The policy version the make-up was judged by.' })
  makeUpPolicyVersion!: number | null;
}

@ObjectType()
export class OutagePayload {
  @Field(() => Outage) outage!: Outage;
  @Field(() => String) position!: string;
}

@InputType()
export class ReportOutageInput {
  @Field(() => ID, { description: 'Chosen by the reporter (a UUID); reporting the same id again is refused.' }) @IsUUID() outageId!: string;
  @Field(() => String) @MinLength(1) @MaxLength(200) platformId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MinLength(1) @MaxLength(200) product?: string | null;
  @Field(() => DateTimeScalar) startedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Absent while the outage lasts: end it later with endOutage.' })
  endedAt?: Date | null;
  @Field(() => String) @MinLength(1) @MaxLength(10_000) description!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MinLength(1) @MaxLength(200) idempotencyKey?: string | null;
}

@InputType()
export class EndOutageInput {
  @Field(() => ID) @IsUUID() outageId!: string;
  @Field(() => DateTimeScalar) endedAt!: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @MinLength(1) @MaxLength(200) idempotencyKey?: string | null;
}
