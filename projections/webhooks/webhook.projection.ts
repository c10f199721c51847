import type { RecordedEvent } from '../../services/event-store';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_STREAM_PREFIX, type WebhookEvent } from '../../services/webhooks/events';
import { toUtcIso, type Projection } from '../projection';
import { WebhookSchema, type WebhookRow } from './webhook.entity';

/** "Which webhooks are registered, and from which position on do they hear of events?" */
export const webhookProjection: Projection<WebhookRow> = {
  name: 'webhooks',
  version: 1,
  entity: WebhookSchema,
  handles: WEBHOOK_EVENT_TYPES,
  keyOf: (recorded) => asWebhookEvent(recorded)?.data.webhookId ?? null,
  evolve: evolveWebhookRow,
};

export function evolveWebhookRow(row: WebhookRow | null, recorded: RecordedEvent): WebhookRow | null {
  const event = asWebhookEvent(recorded);
  if (event === null) return row;
  const position = recorded.position.toString();
  switch (event.type) {
    case 'WebhookCreated': {
      if (row !== null) return row;
      const { webhookId, url, eventTypes, owner, occurredAt } = event.data;
      const createdAt = toUtcIso(occurredAt);
      return { id: webhookId, url, eventTypes: JSON.stringify(eventTypes), ownerId: owner.id, ownerRole: owner.role, active: true, createdAt, createdPosition: position, deactivatedPosition: null };
    }
    case 'WebhookDeactivated':
      return row === null || !row.active ? row : { ...row, active: false, deactivatedPosition: position };
  }
}

function asWebhookEvent(recorded: RecordedEvent): WebhookEvent | null {
  if (!recorded.streamId.startsWith(WEBHOOK_STREAM_PREFIX)) return null;
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(recorded.type)) return null;
  return { type: recorded.type, data: recorded.data } as WebhookEvent;
}
