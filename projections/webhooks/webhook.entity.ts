import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** One row per registered webhook (WebhookCreated), switched off by WebhookDeactivated. */
export interface WebhookRow {
  id: string;
  url: string;
  /** JSON array of claim event types, in the order given at registration. */
  eventTypes: string;
  ownerId: string;
  ownerRole: string;
  active: boolean;
  /** WebhookCreated's `occurredAt`, fixed-width UTC ISO-8601. */
  createdAt: string;
  /** Global position of WebhookCreated: only events after it are delivered. */
  createdPosition: string;
  /** Global position of WebhookDeactivated, when it was: events after it are not delivered. */
  deactivatedPosition: string | null;
}

/** Table `webhook`: few rows, read whole by the outbox and the dispatcher. */
export const WebhookSchema = new EntitySchema<WebhookRow>({
  name: 'Webhook',
  tableName: 'webhook',
  properties: {
    id: { type: 'string', length: 36, primary: true },
    url: { type: 'text' },
    eventTypes: { type: 'text' },
    ownerId: { type: 'string', length: 200 },
    ownerRole: { type: 'string', length: 32 },
    active: { type: 'boolean' },
    createdAt: { type: 'string', length: 32 },
    createdPosition: { type: new BigIntType('string') },
    deactivatedPosition: { type: new BigIntType('string'), nullable: true },
  },
});
