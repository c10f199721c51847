import type { EntityManager } from '@mikro-orm/core';
import { CLAIM_EVENT_TYPES } from '../../services/claims/events';
import type { RecordedEvent } from '../../services/event-store';
import { placeholders, rowSqlOf } from '../../projections/row-sql';
import { planDeliveries, type WebhookListening } from '../../projections/webhooks/outbox';
import type { WebhookDeliveryRow } from '../../projections/webhooks/webhook-delivery.entity';
import type { BatchStep } from '../projections/apply-batch';

/** Rows per INSERT statement: 15 columns × 500 stays under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_INSERT = 500;

// Plain SQL that SQLite and PostgreSQL share, run by `projections/row-sql.ts` in the batch's
// transaction: this step runs with every batch, and the tables are those of
// `projections/webhooks/*.entity.ts`. Positions are read as text (64 bits, no digits lost).
const WEBHOOKS_SQL =
  'select "id", "event_types", cast("created_position" as text) as "created_position", ' +
  'cast("deactivated_position" as text) as "deactivated_position" from "webhook"';

/** The delivery table's columns, and the row field each is written from, in order. */
const DELIVERY_COLUMNS: ReadonlyArray<readonly [string, keyof WebhookDeliveryRow]> = [
  ['id', 'id'],
  ['webhook_id', 'webhookId'],
  ['event_id', 'eventId'],
  ['event_type', 'eventType'],
  ['claim_id', 'claimId'],
  ['event_position', 'eventPosition'],
  ['body', 'body'],
  ['status', 'status'],
  ['attempts', 'attempts'],
  ['last_status_code', 'lastStatusCode'],
  ['last_error', 'lastError'],
  ['next_attempt_at', 'nextAttemptAt'],
  ['first_attempt_at', 'firstAttemptAt'],
  ['delivered_at', 'deliveredAt'],
  ['created_at', 'createdAt'],
];

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
  const webhooks = (await sql.all(em, WEBHOOKS_SQL, [])).map(listeningOf);
  if (webhooks.length === 0) return;
  const planned = planDeliveries(webhooks, events);
  for (let start = 0; start < planned.length; start += ROWS_PER_INSERT) {
    const rows = planned.slice(start, start + ROWS_PER_INSERT);
    await sql.run(em, insertSql(rows.length), rows.flatMap((row) => DELIVERY_COLUMNS.map(([, field]) => row[field])));
  }
}

function listeningOf(row: Record<string, unknown>): WebhookListening {
  const deactivated = row.deactivated_position;
  return {
    id: String(row.id),
    eventTypes: String(row.event_types),
    createdPosition: String(row.created_position),
    deactivatedPosition: deactivated === null || deactivated === undefined ? null : String(deactivated),
  };
}

/** Inserts `count` deliveries, skipping those already planned (a replay plans the same ids). */
function insertSql(count: number): string {
  const row = `(${placeholders(DELIVERY_COLUMNS.length)})`;
  const columns = DELIVERY_COLUMNS.map(([column]) => `"${column}"`).join(', ');
  return `insert into "webhook_delivery" (${columns}) values ${Array.from({ length: count }, () => row).join(', ')} on conflict ("id") do nothing`;
}
