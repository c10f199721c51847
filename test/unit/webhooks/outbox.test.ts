import { deliveryId, planDeliveries } from '../../../projections/webhooks/outbox';
import { evolveWebhookRow } from '../../../projections/webhooks/webhook.projection';
import type { WebhookRow } from '../../../projections/webhooks/webhook.entity';
import type { RecordedEvent } from '../../../services/event-store';

const WEBHOOK = '6f1c1d7e-1c1e-4d3a-9a55-0d2b8c6f4e21';
const CLAIM = '0b9e5a52-3f6e-4f4e-8d3c-6f0f1c2a7b10';
const SUPERVISOR = { id: 'sup-1', role: 'supervisor' };

function recorded(position: number, streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    streamId,
    revision: 0n,
    position: BigInt(position),
    id: `event-${position}`,
    type,
    data,
    metadata: { actor: { id: 'agent-1', role: 'agent' } },
    recordedAt: new Date(`2026-11-24T08:00:0${position % 10}.000Z`),
  };
}

const created = recorded(10, `webhook-${WEBHOOK}`, 'WebhookCreated', {
  webhookId: WEBHOOK, url: 'https://crm.example/hooks', eventTypes: ['ClaimEscalated'], owner: SUPERVISOR, occurredAt: '2026-11-24T16:00:00+08:00',
});
const deactivated = recorded(20, `webhook-${WEBHOOK}`, 'WebhookDeactivated', { webhookId: WEBHOOK, by: SUPERVISOR, occurredAt: '2026-11-24T09:00:00Z' });
const escalatedAt = (position: number) => recorded(position, `claim-${CLAIM}`, 'ClaimEscalated', { level: 'CONSUMER_ASSOCIATION', reason: 'AGENT_DECISION' });

function webhookAfter(...events: RecordedEvent[]): WebhookRow {
  return events.reduce<WebhookRow | null>((row, event) => evolveWebhookRow(row, event), null)!;
}

describe('the webhooks read model', () => {
  it('records a webhook with its creation position and UTC time, and its deactivation position', () => {
    expect(webhookAfter(created)).toMatchObject({ id: WEBHOOK, active: true, createdPosition: '10', createdAt: '2026-11-24T08:00:00.000Z', deactivatedPosition: null });
    expect(webhookAfter(created, deactivated)).toMatchObject({ active: false, deactivatedPosition: '20' });
  });

  it('ignores a replayed creation and a second deactivation', () => {
    const once = webhookAfter(created, deactivated);
    expect(evolveWebhookRow(evolveWebhookRow(once, created), { ...deactivated, position: 30n })).toEqual(once);
  });
});

describe('planning webhook deliveries (the outbox)', () => {
  it('plans one delivery per matching claim event after the webhook was made and before it was switched off', () => {
    const webhook = webhookAfter(created, deactivated);
    const planned = planDeliveries([webhook], [escalatedAt(5), escalatedAt(15), escalatedAt(25)]);
    expect(planned.map(({ eventPosition }) => eventPosition)).toEqual(['15']);
    expect(planned[0]).toMatchObject({ webhookId: WEBHOOK, claimId: CLAIM, status: 'PENDING', attempts: 0, nextAttemptAt: '2026-11-24T08:00:05.000Z' });
  });

  it('skips other event types and streams that are not claims', () => {
    const webhook = webhookAfter(created);
    const followUp = recorded(11, `claim-${CLAIM}`, 'ClaimantFollowedUp', { message: '催促' });
    const token = recorded(12, 'token-abc', 'ClaimEscalated', {});
    expect(planDeliveries([webhook], [followUp, token])).toEqual([]);
  });

  it('gives the same delivery the same id and body whenever it is planned again', () => {
    const webhook = webhookAfter(created);
    const [first] = planDeliveries([webhook], [escalatedAt(15)]);
    const [again] = planDeliveries([webhook], [escalatedAt(15)]);
    expect(again).toEqual(first);
    expect(first.id).toBe(deliveryId(WEBHOOK, 'event-15'));
    expect(first.id).not.toBe(deliveryId(WEBHOOK, 'event-16'));
  });

  it('names the event type, the claim and the event in the body', () => {
    const [delivery] = planDeliveries([webhookAfter(created)], [escalatedAt(15)]);
    expect(JSON.parse(delivery.body)).toEqual({
      type: 'ClaimEscalated',
      timestamp: '2026-11-24T08:00:05.000Z',
      data: {
        claimId: CLAIM,
        event: {
          id: 'event-15', type: 'ClaimEscalated', revision: 0, position: '15', recordedAt: '2026-11-24T08:00:05.000Z',
          data: { level: 'CONSUMER_ASSOCIATION', reason: 'AGENT_DECISION' }, actorId: 'agent-1', actorRole: 'agent',
        },
      },
    });
  });
});
