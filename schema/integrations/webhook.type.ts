import { ArrayMaxSize, ArrayMinSize, IsString, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '../../projections/webhooks/webhook-delivery.entity';
import { DateTimeScalar } from '../scalars';

export const WebhookDeliveryStatusEnum = Object.fromEntries(WEBHOOK_DELIVERY_STATUSES.map((status) => [status, status])) as {
  [S in WebhookDeliveryStatus]: S;
};
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus' });

@ObjectType({ description: 'One event sent (or to be sent) to one webhook.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the webhook-id header: receivers dedupe by it.' }) id!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => WebhookDeliveryStatusEnum) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) deliveredAt!: Date | null;
}

/** A registered webhook; `deliveries` is resolved by WebhookResolver. */
@ObjectType({ description: 'Claim events of the chosen types, POSTed to url and signed as Standard Webhooks says.' })
export class Webhook {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [String]) eventTypes!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType()
export class CreateWebhookPayload {
  @Field(() => Webhook) webhook!: Webhook;
  @Field(() => String, { description: 'whsec_…: shown once, here; keep it to verify signatures.' }) signingSecret!: string;
}

@InputType()
export class CreateWebhookInput {
  @Field(() => String, { description: 'http(s) URL of a public address.' }) @IsString() @MaxLength(2048) url!: string;
  @Field(() => [String], { description: 'Claim event types to deliver, e.g. ["ClaimEscalated"].' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @MaxLength(64, { each: true })
  eventTypes!: string[];
}
