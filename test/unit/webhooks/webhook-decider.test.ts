import { decideWebhook, evolveWebhook, initialWebhookState, mayReadWebhooks, type WebhookCommand } from '../../../services/webhooks/webhook';
import type { WebhookEvent } from '../../../services/webhooks/events';
import type { Actor } from '../../../services/claims/commands';

const NOW = '2026-11-24T08:00:00.000Z';
const WEBHOOK = '6f1c1d7e-1c1e-4d3a-9a55-0d2b8c6f4e21';
const crm: Actor = { id: 'crm-1', role: 'integration' };
const supervisor: Actor = { id: 'sup-1', role: 'supervisor' };

const create = (actor: Actor, url = 'https://crm.example/hooks', eventTypes = ['ClaimEscalated']): WebhookCommand => ({
  type: 'CreateWebhook', data: { webhookId: WEBHOOK, url, eventTypes }, actor, now: NOW,
});
const deactivate = (actor: Actor): WebhookCommand => ({ type: 'DeactivateWebhook', data: { webhookId: WEBHOOK }, actor, now: NOW });
const given = (...events: WebhookEvent[]) => events.reduce(evolveWebhook, initialWebhookState());

describe('the webhook decider', () => {
  it('records a creation with the normalised URL, the event types once each, and the owner', () => {
    const [event] = decideWebhook(create(crm, 'HTTPS://CRM.example/hooks', ['ClaimEscalated', 'ClaimResolved', 'ClaimEscalated']), initialWebhookState());
    expect(event).toEqual({
      type: 'WebhookCreated',
      data: { webhookId: WEBHOOK, url: 'https://crm.example/hooks', eventTypes: ['ClaimEscalated', 'ClaimResolved'], owner: crm, occurredAt: NOW },
    });
  });

  it.each(['claimant', 'agent', 'auditor', 'system'] as const)('refuses a %s with FORBIDDEN', (role) => {
    expect(() => decideWebhook(create({ id: 'x', role }), initialWebhookState())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('lets supervisors, auditors and integrations list webhooks, and nobody else', () => {
    const readers = (['claimant', 'agent', 'supervisor', 'auditor', 'integration', 'system'] as const).filter((role) => mayReadWebhooks({ id: 'x', role }));
    expect(readers).toEqual(['supervisor', 'auditor', 'integration']);
  });

  it('lets the owner and a supervisor switch a webhook off, and nobody twice', () => {
    const created = decideWebhook(create(crm), initialWebhookState());
    expect(decideWebhook(deactivate(crm), given(...created))[0]).toMatchObject({ type: 'WebhookDeactivated', data: { by: crm } });
    const off = given(...created, ...decideWebhook(deactivate(supervisor), given(...created)));
    expect(() => decideWebhook(deactivate(crm), off)).toThrow(expect.objectContaining({ code: 'WEBHOOK_INACTIVE' }));
  });

  it('answers NOT_FOUND to another integration, and for a webhook that does not exist', () => {
    const created = decideWebhook(create(crm), initialWebhookState());
    expect(() => decideWebhook(deactivate({ id: 'other', role: 'integration' }), given(...created))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => decideWebhook(deactivate(supervisor), initialWebhookState())).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it.each([
    ['javascript:alert(1)', 'WEBHOOK_URL_INVALID'],
    ['https://user:pw@crm.example/', 'WEBHOOK_URL_INVALID'],
    ['/relative/path', 'WEBHOOK_URL_INVALID'],
  ])('refuses the URL %s with %s', (url, code) => {
    expect(() => decideWebhook(create(crm, url), initialWebhookState())).toThrow(expect.objectContaining({ code }));
  });

  it('refuses unknown and missing event types, naming the unknown ones', () => {
    expect(() => decideWebhook(create(crm, undefined, []), initialWebhookState())).toThrow(expect.objectContaining({ code: 'WEBHOOK_EVENT_TYPES_INVALID' }));
    expect(() => decideWebhook(create(crm, undefined, ['ClaimEscalated', 'TokenIssued']), initialWebhookState())).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_EVENT_TYPES_INVALID', details: expect.objectContaining({ unknown: ['TokenIssued'] }) }),
    );
  });
});
