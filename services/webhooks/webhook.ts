import { CLAIM_EVENT_TYPES } from '../claims/events';
import type { Actor } from '../claims/commands';
import { WebhookError } from './errors';
import type { WebhookCreated, WebhookDeactivated, WebhookEvent } from './events';

/** What the rules need to know of a webhook stream. */
export type WebhookState = { exists: false } | { exists: true; active: boolean; owner: Actor };

export interface CreateWebhook {
  type: 'CreateWebhook';
  data: { webhookId: string; url: string; eventTypes: string[] };
  actor: Actor;
  now: string;
}

export interface DeactivateWebhook {
  type: 'DeactivateWebhook';
  data: { webhookId: string };
  actor: Actor;
  now: string;
}

export type WebhookCommand = CreateWebhook | DeactivateWebhook;

const MAX_URL_LENGTH = 2048;
const MAX_EVENT_TYPES = 20;

export const initialWebhookState = (): WebhookState => ({ exists: false });

export function evolveWebhook(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookCreated':
      return { exists: true, active: true, owner: event.data.owner };
    case 'WebhookDeactivated':
      return state.exists ? { ...state, active: false } : state;
  }
}

/** A webhook's rules: who may manage it, what a valid registration is. Pure: DNS checks happen outside. */
export function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  if (!mayManageWebhooks(command.actor)) throw new WebhookError('FORBIDDEN');
  switch (command.type) {
    case 'CreateWebhook':
      return [created(command)];
    case 'DeactivateWebhook':
      return [deactivated(command, state)];
  }
}

/** Supervisors manage every webhook; an integration only those it registered. */
export function mayManageWebhooks(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'integration';
}

/** Whether `actor` may list webhooks at all (an integration sees only its own). */
export function mayReadWebhooks(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'auditor' || actor.role === 'integration';
}

/** Whether `actor` may see (and manage) a webhook owned by `owner`. */
export function canSeeWebhook(actor: Actor, owner: Actor): boolean {
  if (actor.role === 'supervisor' || actor.role === 'auditor') return true;
  return actor.role === 'integration' && owner.role === 'integration' && owner.id === actor.id;
}

function created(command: CreateWebhook): WebhookCreated {
  const { webhookId, url, eventTypes } = command.data;
  return {
    type: 'WebhookCreated',
    data: { webhookId, url: checkedUrl(url).href, eventTypes: checkedEventTypes(eventTypes), owner: command.actor, occurredAt: command.now },
  };
}

function deactivated(command: DeactivateWebhook, state: WebhookState): WebhookDeactivated {
  if (!state.exists || !canSeeWebhook(command.actor, state.owner)) throw new WebhookError('NOT_FOUND');
  if (!state.active) throw new WebhookError('WEBHOOK_INACTIVE');
  return { type: 'WebhookDeactivated', data: { webhookId: command.data.webhookId, by: command.actor, occurredAt: command.now } };
}

/** An absolute http(s) URL without credentials; anything else is WEBHOOK_URL_INVALID. */
export function checkedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookError('WEBHOOK_URL_INVALID');
  }
  const schemeOk = url.protocol === 'https:' || url.protocol === 'http:';
  if (!schemeOk || raw.length > MAX_URL_LENGTH || url.username !== '' || url.password !== '') {
    throw new WebhookError('WEBHOOK_URL_INVALID');
  }
  return url;
}

function checkedEventTypes(eventTypes: readonly string[]): string[] {
  const unique = [...new Set(eventTypes)];
  const unknown = unique.filter((type) => !(CLAIM_EVENT_TYPES as readonly string[]).includes(type));
  if (unique.length === 0 || unique.length > MAX_EVENT_TYPES || unknown.length > 0) {
    throw new WebhookError('WEBHOOK_EVENT_TYPES_INVALID', { unknown, known: [...CLAIM_EVENT_TYPES] });
  }
  return unique;
}
