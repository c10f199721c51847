import type { EntityManager } from '@mikro-orm/core';
import { CLAIM_EVENT_TYPES } from '../../services/claims/events';
import type { RecordedEvent } from '../../services/event-store';
import { columnOf, rowShapeOf } from '../../projections/read-sql';
import { placeholders, rowSqlOf } from '../../projections/row-sql';
import { planDeliveries } from '../../projections/webhooks/outbox';
import { WebhookDeliverySchema, type WebhookDeliveryRow } from '../../projections/webhooks/webhook-delivery.entity';
import { WebhookSchema } from '../../projections/webhooks/webhook.entity';
import type { BatchStep } from '../projections/apply-batch';

/** Rows per INSERT statement: 15 columns × 500 stays under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_INSERT = 500;

// Plain SQL that SQLite and PostgreSQL share, derived from the entities
// (`projections/webhooks/*.entity.ts`) and run by `projections/row-sql.ts` in the batch's
// transaction: this step runs with every batch. Positions are read as text (no digits lost).
const webhookShape = rowShapeOf(WebhookSchema);
const WEBHOOKS_SQL = `select ${webhookShape.columns} from "webhook"`;

/** The delivery row's fields, in the order of the INSERT's columns. */
const DELIVERY_FIELDS = Object.keys(WebhookDeliverySchema.meta.properties) as Array<keyof WebhookDeliveryRow>;

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
  const sql = rowSqlOf(em);
  const webhooks = (await sql.all(em, WEBHOOKS_SQL, [])).map(webhookShape.toRow);
  if (webhooks.length === 0) return;
  const planned = planDeliveries(webhooks, events);
  for (let start = 0; start < planned.length; start += ROWS_PER_INSERT) {
    const rows = planned.slice(start, start + ROWS_PER_INSERT);
    await sql.run(em, insertSql(rows.length), rows.flatMap((row) => DELIVERY_FIELDS.map((field) => row[field])));
  }
}

/** Inserts `count` deliveries, skipping those already planned (a replay plans the same ids). */
function insertSql(count: number): string {
  const row = `(${placeholders(DELIVERY_FIELDS.length)})`;
  const columns = DELIVERY_FIELDS.map((field) => `"${columnOf(field)}"`).join(', ');
  return `insert into "webhook_delivery" (${columns}) values ${Array.from({ length: count }, () => row).join(', ')} on conflict ("id") do nothing`;
}
