import { TestApp } from '../../support/api';
import { WebhookReceiver, type ReceivedDelivery } from '../../support/webhook-receiver';
import { LADDER, createWebhook, escalate, fileClaim, followUp } from '../../support/webhooks';

const CLAIMS = 50;
const FOLLOW_UPS = 6;
const TYPES = ['ClaimEscalated', 'ClaimantFollowedUp'];

const CLAIM_EVENTS = `query($id: ID!) { claim(id: $id) { history { id type revision } } }`;

/**
 * A receiver that is down (503) while 500 escalation-related events of 50 claims are produced:
 * each claim is escalated up the whole ladder (4 levels, the most a claim can go) and chased 6
 * times (催促), 10 events a claim. Then it comes back.
 */
describe('a webhook receiver that was down while 500 events were produced', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  const expected = new Map<string, { claimId: string; revision: number }>();

  beforeAll(async () => {
    app = await TestApp.start({
      WEBHOOKS_ALLOW_LOOPBACK: '1',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_RETRY_BASE_MS: '50',
      // Retries back off to 1 s while the receiver is down: often enough to see it come back soon.
      WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
    });
    receiver = await WebhookReceiver.start(503);
    const [supervisor, agent, claimant] = await Promise.all([app.token('supervisor'), app.token('agent'), app.token('claimant')]);
    await createWebhook(app, supervisor, receiver.url, TYPES);
    const claims = await Promise.all(Array.from({ length: CLAIMS }, (_, index) => fileClaim(app, claimant, { orderReference: `OUTAGE-${index}` })));
    await Promise.all(
      claims.map(async (claimId) => {
        for (let step = 0; step < LADDER.length + FOLLOW_UPS; step++) {
          if (step % 3 === 1 && step < 3 * LADDER.length) await escalate(app, agent, claimId, LADDER[(step - 1) / 3]);
          else await followUp(app, claimant, claimId, `第 ${step + 1} 次催促：会员掉线，请尽快退款`);
        }
      }),
    );
    for (const claimId of claims) {
      const { data } = await app.gql(supervisor, CLAIM_EVENTS, { id: claimId });
      for (const event of data!.claim.history) if (TYPES.includes(event.type)) expected.set(event.id, { claimId, revision: event.revision });
    }
    receiver.mode = 200;
  }, 120_000);

  afterAll(async () => {
    await app.stop(true);
    await receiver.stop();
  });

  it('produced 500 matching events, and the receiver refused every attempt while down', () => {
    expect(expected.size).toBe(500);
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received.every(({ status }) => status === 503)).toBe(true);
  });

  it('receives every event once it is back', async () => {
    await waitForDistinct(receiver, expected.size);
    const eventIds = new Set(receiver.accepted.map(({ json }) => json.data.event.id));
    expect(eventIds).toEqual(new Set(expected.keys()));
  }, 60_000);

  it('never receives a claim’s events out of order, down or up', () => {
    const byClaim = groupBy(receiver.received, ({ json }) => json.data.claimId);
    expect(byClaim.size).toBe(CLAIMS);
    for (const deliveries of byClaim.values()) {
      const revisions = deliveries.map(({ json }) => json.data.event.revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    }
  });

  it('repeats a delivery only with the same webhook-id and the same body', () => {
    const byId = groupBy(receiver.received, ({ id }) => id);
    expect(byId.size).toBe(expected.size);
    for (const [id, copies] of byId) {
      expect(new Set(copies.map(({ body }) => body)).size).toBe(1);
      expect(new Set(copies.map(({ json }) => json.data.event.id)).size).toBe(1);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

async function waitForDistinct(receiver: WebhookReceiver, count: number, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const distinct = (deliveries: ReceivedDelivery[]) => new Set(deliveries.map(({ id }) => id)).size;
  while (distinct(receiver.accepted) < count) {
    if (Date.now() > until) throw new Error(`only ${distinct(receiver.accepted)} of ${count} deliveries arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
