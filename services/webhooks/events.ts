import type { Actor } from '../claims/commands';

/** The claim event types a webhook may ask for (the claim stream's events; see DESIGN.md). */
export type WebhookEventTypes = readonly string[];

/** A webhook was registered: matching claim events appended after it are delivered to `url`. */
export interface WebhookCreated {
  type: 'WebhookCreated';
  data: {
    webhookId: string;
    url: string;
    /** Claim event types delivered, e.g. `ClaimEscalated`; each once, in the order given. */
    eventTypes: string[];
    /** Who registered it; an integration sees and manages only its own webhooks. */
    owner: Actor;
    occurredAt: string;
  };
}

/** A webhook was switched off: no delivery is planned for events appended after this one. */
export interface WebhookDeactivated {
  type: 'WebhookDeactivated';
  data: { webhookId: string; by: Actor; occurredAt: string };
}

export type WebhookEvent = WebhookCreated | WebhookDeactivated;

export const WEBHOOK_EVENT_TYPES = ['WebhookCreated', 'WebhookDeactivated'] as const satisfies readonly WebhookEvent['type'][];

/** The only place a webhook's stream name is built or parsed. */
export const WEBHOOK_STREAM_PREFIX = 'webhook-';

export function webhookStreamName(webhookId: string): string {
  return `${WEBHOOK_STREAM_PREFIX}${webhookId.toLowerCase()}`;
}
