import type { EntityManager } from '@mikro-orm/core';
import { placeholders } from '../row-sql';
import { WebhookDeliverySchema, type WebhookDeliveryRow, type WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookSchema, type WebhookRow } from './webhook.entity';

/** Deliveries listed per webhook when `first` is not given, and the most ever listed. */
export const DEFAULT_DELIVERIES = 20;
export const MAX_DELIVERIES = 100;

/** Webhooks in registration order; only `ownerId`'s when given (an integration's own view). */
export async function findWebhooks(em: EntityManager, ownerId: string | null): Promise<WebhookRow[]> {
  const where = ownerId === null ? {} : { ownerId, ownerRole: 'integration' };
  const rows = await em.find(WebhookSchema, where, { orderBy: { createdPosition: 'asc' }, disableIdentityMap: true });
  return rows.map((row) => ({ ...row }));
}

export async function findWebhook(em: EntityManager, id: string): Promise<WebhookRow | null> {
  const row = await em.findOne(WebhookSchema, { id }, { disableIdentityMap: true });
  return row === null ? null : { ...row };
}

export async function findDelivery(em: EntityManager, id: string): Promise<WebhookDeliveryRow | null> {
  const row = await em.findOne(WebhookDeliverySchema, { id }, { disableIdentityMap: true });
  return row === null ? null : { ...row };
}

/**
 * The newest `first` deliveries of each of `webhookIds` (optionally of one status), by webhook:
 * one statement whatever the number of webhooks (a window function ranks each webhook's rows).
 */
export async function findDeliveriesOf(
  em: EntityManager,
  webhookIds: readonly string[],
  status: WebhookDeliveryStatus | null,
  first: number,
): Promise<Map<string, WebhookDeliveryRow[]>> {
  const byWebhook = new Map<string, WebhookDeliveryRow[]>(webhookIds.map((id) => [id, []]));
  if (webhookIds.length === 0 || first <= 0) return byWebhook;
  const marks = placeholders(webhookIds.length);
  const rows = await em.getConnection().execute(
    `select * from (
       select d.*, row_number() over (partition by d.webhook_id order by d.event_position desc) as listed_rank
         from webhook_delivery d
        where d.webhook_id in (${marks})${status === null ? '' : ' and d.status = ?'}
     ) ranked
     where listed_rank <= ?
     order by webhook_id, event_position desc`,
    [...webhookIds, ...(status === null ? [] : [status]), first],
    'all',
  );
  for (const raw of rows as Record<string, unknown>[]) {
    const { listed_rank: _rank, ...columns } = raw;
    const row = { ...em.map(WebhookDeliverySchema, columns) } as WebhookDeliveryRow;
    byWebhook.get(row.webhookId)?.push(row);
  }
  return byWebhook;
}

/** `first` as a whole number in 0..MAX_DELIVERIES. */
export function clampDeliveries(first: number | null | undefined): number {
  if (first == null || !Number.isFinite(first)) return DEFAULT_DELIVERIES;
  return Math.min(MAX_DELIVERIES, Math.max(0, Math.trunc(first)));
}

/**
 * Queues a delivery to be sent again now, as a new round of retries (its attempts so far are
 * kept). A delivered one is sent once more with the same `webhook-id`.
 */
export async function requeueDelivery(em: EntityManager, id: string, now: Date): Promise<WebhookDeliveryRow | null> {
  const at = now.toISOString();
  await em.nativeUpdate(WebhookDeliverySchema, { id }, { status: 'PENDING', nextAttemptAt: at, firstAttemptAt: null, deliveredAt: null });
  return findDelivery(em, id);
}
