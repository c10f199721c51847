import type { Actor } from '../claims/commands';
import { NO_STREAM, WrongExpectedVersionError, type AppendResult, type CurrentRevision, type EventStore } from '../event-store';
import { WebhookError } from './errors';
import { webhookStreamName, type WebhookEvent } from './events';
import { canSeeWebhook, decideWebhook, evolveWebhook, initialWebhookState, mayManageWebhooks, type WebhookCommand, type WebhookState } from './webhook';

/**
 * Refuses URLs whose host is, or resolves to, an address webhooks must not reach (loopback,
 * private, link-local, …) with WEBHOOK_URL_FORBIDDEN. Implemented in infra (it resolves names).
 */
export interface WebhookUrlGuard {
  check(url: URL): Promise<void>;
}

/** Gives each webhook its signing secret (`whsec_…`); the same secret every time it is asked. */
export interface SigningSecrets {
  secretFor(webhookId: string): string;
}

/** The outbox's deliveries, as far as the service needs them (implemented over the read-model database). */
export interface WebhookDeliveries {
  /** Who owns the webhook a delivery belongs to; null when there is no such delivery. */
  ownerOf(deliveryId: string): Promise<Actor | null>;
  /** Queues the delivery to be sent again from `now`, as a new round of retries. */
  requeue(deliveryId: string, now: Date): Promise<void>;
}

export interface WebhookServiceDeps {
  store: EventStore;
  deliveries: WebhookDeliveries;
  urlGuard: WebhookUrlGuard;
  secrets: SigningSecrets;
  clock: () => Date;
  newId: () => string;
}

/** What a command did: the webhook it touched and where its event landed (for read-your-writes). */
export interface WebhookChange {
  webhookId: string;
  position: bigint;
}

/** A webhook just registered, as recorded, with its secret (shown this once). */
export interface CreatedWebhook extends WebhookChange {
  url: string;
  eventTypes: string[];
  createdAt: string;
  signingSecret: string;
}

/** Webhook registrations, event-sourced in `webhook-<id>` streams: load, decide, append. */
export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  /** Registers a webhook; the signing secret is returned here and never again. */
  async create(actor: Actor, input: { url: string; eventTypes: string[] }, correlationId: string): Promise<CreatedWebhook> {
    const webhookId = this.deps.newId();
    const [event] = decideWebhook(this.command(actor, { type: 'CreateWebhook', data: { webhookId, ...input } }), initialWebhookState());
    if (event.type !== 'WebhookCreated') throw new Error(`CreateWebhook decided ${event.type}`);
    await this.deps.urlGuard.check(new URL(event.data.url));
    const { position } = await this.append(webhookId, [event], NO_STREAM, actor, correlationId);
    const { url, eventTypes, occurredAt } = event.data;
    return { webhookId, position, url, eventTypes, createdAt: occurredAt, signingSecret: this.deps.secrets.secretFor(webhookId) };
  }

  /** Sends a delivery again (a FAILED one after the receiver was fixed, or any one on request). */
  async redeliver(actor: Actor, deliveryId: string): Promise<void> {
    if (!mayManageWebhooks(actor)) throw new WebhookError('FORBIDDEN');
    const owner = await this.deps.deliveries.ownerOf(deliveryId);
    if (owner === null || !canSeeWebhook(actor, owner)) throw new WebhookError('NOT_FOUND');
    await this.deps.deliveries.requeue(deliveryId, this.deps.clock());
  }

  /** Switches a webhook off; deliveries already planned still go out. A concurrent change is decided again. */
  async deactivate(actor: Actor, webhookId: string, correlationId: string): Promise<WebhookChange> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(webhookId);
      const events = decideWebhook(this.command(actor, { type: 'DeactivateWebhook', data: { webhookId } }), state);
      try {
        const result = await this.append(webhookId, events, revision, actor, correlationId);
        return { webhookId, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 3) throw error;
      }
    }
  }

  private command<C extends Omit<WebhookCommand, 'actor' | 'now'>>(actor: Actor, command: C) {
    return { ...command, actor, now: this.deps.clock().toISOString() } as WebhookCommand;
  }

  private async load(webhookId: string): Promise<{ state: WebhookState; revision: CurrentRevision }> {
    if (!/^[0-9a-f-]{36}$/i.test(webhookId)) throw new WebhookError('NOT_FOUND');
    const events = await this.deps.store.readStream(webhookStreamName(webhookId));
    const state = events.reduce((current, event) => evolveWebhook(current, event as unknown as WebhookEvent), initialWebhookState());
    return { state, revision: events.at(-1)?.revision ?? NO_STREAM };
  }

  private append(webhookId: string, events: WebhookEvent[], expectedRevision: CurrentRevision, actor: Actor, correlationId: string): Promise<AppendResult> {
    const commandId = this.deps.newId();
    const metadata = { commandId, correlationId, causationId: commandId, actor, schemaVersion: 1 };
    const data = events.map((event) => ({ id: this.deps.newId(), type: event.type, data: event.data, metadata }));
    return this.deps.store.appendToStream(webhookStreamName(webhookId), data, { expectedRevision });
  }
}
