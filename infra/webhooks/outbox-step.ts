import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { CLAIM_EVENT_TYPES } from '../../services/claims/events';
import type { RecordedEvent } from '../../services/event-store';
import { planDeliveries } from '../../projections/webhooks/outbox';
import { WebhookDeliverySchema } from '../../projections/webhooks/webhook-delivery.entity';
import { WebhookSchema } from '../../projections/webhooks/webhook.entity';
import type { BatchStep } from '../projections/apply-batch';

/** Rows per INSERT statement (well under SQLite's and PostgreSQL's bound-parameter limits). */
const ROWS_PER_INSERT = 500;

/**
 * The webhook outbox as a step of the projection runner: for every claim event of a batch, a
 * PENDING delivery per webhook that asked for it, written in the batch's own transaction and
 * under its own checkpoint, so each event is planned exactly once even across crashes. It runs
 * after the `webhooks` projection, whose rows already include every webhook of the batch.
 */
export function webhookOutboxStep(): BatchStep {
  return {
    name: 'webhook-outbox',
    version: 1,
    handles: new Set<string>(CLAIM_EVENT_TYPES),
    apply: planWithin,
    // Deliveries are delivery state, not a read model: a replay plans the same ids again and
    // the INSERT skips those already there, so nothing is sent twice because of it.
    clear: async () => undefined,
  };
}

async function planWithin(em: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  const webhooks = await em.find(WebhookSchema, {}, { disableIdentityMap: true });
  if (webhooks.length === 0) return;
  const planned = planDeliveries(webhooks, events);
  for (let start = 0; start < planned.length; start += ROWS_PER_INSERT) {
    const rows = planned.slice(start, start + ROWS_PER_INSERT);
    await (em as SqlEntityManager).createQueryBuilder(WebhookDeliverySchema).insert(rows).onConflict('id').ignore().execute();
  }
}
