import type { EntityManager } from '@mikro-orm/core';
import { WebhookDeliverySchema, type WebhookDeliveryRow } from '../../projections/webhooks/webhook-delivery.entity';
import { WebhookSchema } from '../../projections/webhooks/webhook.entity';

/** A due delivery as the dispatcher needs it. */
export type DueDelivery = Pick<WebhookDeliveryRow, 'id' | 'webhookId' | 'claimId' | 'body' | 'attempts' | 'firstAttemptAt'>;

/**
 * The deliveries of `webhookId` that may be sent now: PENDING, due, and each the earliest PENDING
 * one of its claim (a claim's deliveries reach the receiver in event order; a later one waits
 * while an earlier one is retried). Oldest events first.
 */
export async function dueDeliveries(em: EntityManager, webhookId: string, now: Date, limit: number): Promise<DueDelivery[]> {
  const rows = await em.getConnection().execute(
    `select d.id, d.webhook_id, d.claim_id, d.body, d.attempts, d.first_attempt_at
       from webhook_delivery d
      where d.webhook_id = ? and d.status = 'PENDING' and d.next_attempt_at <= ?
        and not exists (select 1 from webhook_delivery e
                         where e.webhook_id = d.webhook_id and e.claim_id = d.claim_id
                           and e.status = 'PENDING' and e.event_position < d.event_position)
      order by d.event_position
      limit ?`,
    [webhookId, now.toISOString(), limit],
    'all',
  );
  return (rows as Record<string, unknown>[]).map((row) => ({
    id: String(row.id),
    webhookId: String(row.webhook_id),
    claimId: String(row.claim_id),
    body: String(row.body),
    attempts: Number(row.attempts),
    firstAttemptAt: row.first_attempt_at == null ? null : String(row.first_attempt_at),
  }));
}

/** Every webhook's id and URL, active or not (deliveries planned before a deactivation still go out). */
export async function allWebhooks(em: EntityManager): Promise<{ id: string; url: string }[]> {
  const rows = await em.find(WebhookSchema, {}, { fields: ['id', 'url'], disableIdentityMap: true });
  return rows.map(({ id, url }) => ({ id, url }));
}

/** What one attempt changes in its delivery. */
export type AttemptRecord = Pick<WebhookDeliveryRow, 'status' | 'attempts' | 'lastStatusCode' | 'lastError' | 'nextAttemptAt' | 'firstAttemptAt' | 'deliveredAt'>;

/** Records an attempt's outcome, unless the delivery is no longer PENDING (e.g. already delivered by another dispatcher). */
export async function recordAttempt(em: EntityManager, id: string, record: AttemptRecord): Promise<void> {
  await em.nativeUpdate(WebhookDeliverySchema, { id, status: 'PENDING' }, record);
}
