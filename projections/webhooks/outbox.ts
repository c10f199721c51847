import { v5 as uuidv5 } from 'uuid';
import { claimIdOfStream } from '../../services/claims/streams';
import type { RecordedEvent } from '../../services/event-store';
import { metadataOf } from '../../services/metadata';
import type { WebhookDeliveryRow } from './webhook-delivery.entity';
import type { WebhookRow } from './webhook.entity';

/** Namespace of delivery ids (UUID v5 of `<webhook id>:<event id>`): the same pair always gets the same id. */
const DELIVERY_NAMESPACE = '5b0f2f8e-51a8-4a55-9a49-2f3e8c3c7d10';

/** The id of the delivery of event `eventId` to webhook `webhookId`: also its `webhook-id` header. */
export function deliveryId(webhookId: string, eventId: string): string {
  return uuidv5(`${webhookId}:${eventId}`, DELIVERY_NAMESPACE);
}

/**
 * The deliveries a batch of events calls for: one per claim event and webhook that asked for its
 * type and was active at its position. Pure and deterministic (ids, bodies and times come from the
 * events), so planning a batch again plans the same rows.
 */
export function planDeliveries(webhooks: readonly WebhookListening[], events: readonly RecordedEvent[]): WebhookDeliveryRow[] {
  const listeners = webhooks.map(listenerOf);
  const planned: WebhookDeliveryRow[] = [];
  for (const event of events) {
    const claimId = claimIdOfStream(event.streamId);
    if (claimId === null) continue;
    for (const listener of listeners) {
      if (listener.wants(event.type, event.position)) planned.push(pendingDelivery(listener.id, claimId, event));
    }
  }
  return planned;
}

/** What planning needs of a webhook row: which types it asked for, and between which positions it listened. */
export type WebhookListening = Pick<WebhookRow, 'id' | 'eventTypes' | 'createdPosition' | 'deactivatedPosition'>;

/** A webhook row read once per batch, ready to answer which events it wants. */
function listenerOf(webhook: WebhookListening) {
  const types = new Set(JSON.parse(webhook.eventTypes) as string[]);
  const from = BigInt(webhook.createdPosition);
  const until = webhook.deactivatedPosition === null ? null : BigInt(webhook.deactivatedPosition);
  return {
    id: webhook.id,
    wants: (type: string, position: bigint) => position > from && (until === null || position <= until) && types.has(type),
  };
}

function pendingDelivery(webhookId: string, claimId: string, event: RecordedEvent): WebhookDeliveryRow {
  const recordedAt = event.recordedAt.toISOString();
  return {
    id: deliveryId(webhookId, event.id),
    webhookId,
    eventId: event.id,
    eventType: event.type,
    claimId,
    eventPosition: event.position.toString(),
    body: deliveryBody(claimId, event),
    status: 'PENDING',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    nextAttemptAt: recordedAt,
    firstAttemptAt: null,
    deliveredAt: null,
    createdAt: recordedAt,
  };
}

/**
 * What a receiver gets, in the Standard Webhooks shape (`type`, `timestamp`, `data`): the event
 * type, the claim id and the event as the API's ClaimEvent shows it.
 */
export function deliveryBody(claimId: string, event: RecordedEvent): string {
  const { actor } = metadataOf(event);
  const recordedAt = event.recordedAt.toISOString();
  return JSON.stringify({
    type: event.type,
    timestamp: recordedAt,
    data: {
      claimId,
      event: {
        id: event.id,
        type: event.type,
        revision: Number(event.revision),
        position: event.position.toString(),
        recordedAt,
        data: event.data,
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
      },
    },
  });
}
