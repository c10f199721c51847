import { BigIntType, EntitySchema } from '@mikro-orm/core';

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per (webhook, claim event) the webhook asked for, written in the same
 * transaction as the projections (so an event is planned for delivery exactly once), then
 * worked by the dispatcher. Not a rebuildable read model: it holds delivery state.
 */
export interface WebhookDeliveryRow {
  /** Deterministic (webhook id + event id): the `webhook-id` header receivers dedupe by. */
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  claimId: string;
  /** Global position of the event: the order of deliveries within a claim. */
  eventPosition: string;
  /** The JSON body POSTed, fixed when planned so every attempt sends the same bytes. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the next attempt is due (PENDING only), fixed-width UTC ISO-8601. */
  nextAttemptAt: string | null;
  /** When the current round of attempts began (the first attempt, or a redelivery): retries stop a window after it. */
  firstAttemptAt: string | null;
  deliveredAt: string | null;
  /** The event's recorded time. */
  createdAt: string;
}

/** Table `webhook_delivery`. */
export const WebhookDeliverySchema = new EntitySchema<WebhookDeliveryRow>({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: { type: 'string', length: 36, primary: true },
    webhookId: { type: 'string', length: 36 },
    eventId: { type: 'string', length: 64 },
    eventType: { type: 'string', length: 64 },
    claimId: { type: 'string', length: 36 },
    eventPosition: { type: new BigIntType('string') },
    body: { type: 'text' },
    status: { type: 'string', length: 16 },
    attempts: { type: 'integer' },
    lastStatusCode: { type: 'integer', nullable: true },
    lastError: { type: 'text', nullable: true },
    nextAttemptAt: { type: 'string', length: 32, nullable: true },
    firstAttemptAt: { type: 'string', length: 32, nullable: true },
    deliveredAt: { type: 'string', length: 32, nullable: true },
    createdAt: { type: 'string', length: 32 },
  },
  indexes: [
    // The dispatcher: a webhook's due deliveries, and whether an earlier one of the same claim is still pending.
    { name: 'webhook_delivery_due', properties: ['webhookId', 'status', 'nextAttemptAt'] },
    { name: 'webhook_delivery_claim', properties: ['webhookId', 'claimId', 'status', 'eventPosition'] },
    // The API: a webhook's deliveries, newest first.
    { name: 'webhook_delivery_list', properties: ['webhookId', 'eventPosition'] },
  ],
});
