import type { WebhookDeliveryRow } from '../../projections/webhooks/webhook-delivery.entity';
import type { WebhookRow } from '../../projections/webhooks/webhook.entity';
import type { Webhook, WebhookDelivery } from './webhook.type';

export function toWebhook(row: WebhookRow): Webhook {
  return { id: row.id, url: row.url, eventTypes: JSON.parse(row.eventTypes) as string[], active: row.active, createdAt: new Date(row.createdAt) };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt === null ? null : new Date(row.nextAttemptAt),
    deliveredAt: row.deliveredAt === null ? null : new Date(row.deliveredAt),
  };
}
