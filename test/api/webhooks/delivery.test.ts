import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { TestApp, codes } from '../../support/api';
import { WebhookReceiver, type ReceiverMode } from '../../support/webhook-receiver';
import { DEACTIVATE_WEBHOOK, REDELIVER_WEBHOOK, WEBHOOKS, LADDER, createWebhook, escalate, fileClaim, followUp } from '../../support/webhooks';

/** Fast retries so that a test sees a whole retry window. */
const FAST_RETRIES = { WEBHOOKS_ALLOW_LOOPBACK: '1', WEBHOOK_POLL_MS: '20', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_DELAY_MS: '100' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivering webhooks', () => {
  let app: TestApp;
  let supervisor: string;
  let agent: string;
  let claimant: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ ...FAST_RETRIES, WEBHOOK_RETRY_WINDOW_MS: '600', WEBHOOK_TIMEOUT_MS: '1500' });
    [supervisor, agent, claimant] = await Promise.all([app.token('supervisor'), app.token('agent'), app.token('claimant')]);
  });
  afterAll(async () => {
    await app.stop(true);
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  });

  async function receiver(mode: ReceiverMode = 200): Promise<WebhookReceiver> {
    const started = await WebhookReceiver.start(mode);
    receivers.push(started);
    return started;
  }

  async function deliveriesOf(webhookId: string): Promise<Record<string, any>[]> {
    const answer = await app.gql(supervisor, WEBHOOKS, { first: 100 });
    return answer.data!.webhooks.find((hook: { id: string }) => hook.id === webhookId).deliveries;
  }

  it('POSTs each event signed as Standard Webhooks says, verifiable with its library and by hand', async () => {
    const target = await receiver();
    const hook = await createWebhook(app, supervisor, target.url, ['ClaimEscalated']);
    const claimId = await fileClaim(app, claimant);
    await escalate(app, agent, claimId, 'CONSUMER_ASSOCIATION');
    await target.waitFor(1);
    const [delivery] = target.received;
    const headers = { 'webhook-id': delivery.id, 'webhook-timestamp': delivery.timestamp, 'webhook-signature': delivery.signature };
    expect(() => new StandardWebhook(hook.signingSecret).verify(delivery.body, headers)).not.toThrow();
    const key = Buffer.from(hook.signingSecret.slice('whsec_'.length), 'base64');
    const byHand = createHmac('sha256', key).update(`${delivery.id}.${delivery.timestamp}.${delivery.body}`).digest('base64');
    expect(delivery.signature).toBe(`v1,${byHand}`);
    expect(Math.abs(Number(delivery.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.json).toMatchObject({
      type: 'ClaimEscalated',
      data: { claimId, event: { type: 'ClaimEscalated', data: { level: 'CONSUMER_ASSOCIATION', body: '12315 消费者协会' } } },
    });
    const [listed] = await deliveriesOf(hook.id);
    expect(listed).toMatchObject({ id: delivery.id, eventId: delivery.json.data.event.id, status: 'DELIVERED', attempts: 1, lastStatusCode: 200 });
  });

  it('refuses a signature made with another secret or over another body', async () => {
    const target = await receiver();
    const hook = await createWebhook(app, supervisor, target.url, ['ClaimEscalated']);
    const other = await createWebhook(app, supervisor, target.url, ['ClaimResolved']);
    await escalate(app, agent, await fileClaim(app, claimant), 'PLATFORM_MANAGEMENT');
    await target.waitFor(1);
    const [delivery] = target.received;
    const headers = { 'webhook-id': delivery.id, 'webhook-timestamp': delivery.timestamp, 'webhook-signature': delivery.signature };
    expect(() => new StandardWebhook(other.signingSecret).verify(delivery.body, headers)).toThrow();
    expect(() => new StandardWebhook(hook.signingSecret).verify(delivery.body.replace('PLATFORM', 'CONSUMER'), headers)).toThrow();
  });

  it('delivers only the chosen types, only events after the webhook was made, and none after it was switched off', async () => {
    const claimId = await fileClaim(app, claimant);
    await escalate(app, agent, claimId, 'PLATFORM_MANAGEMENT');
    const target = await receiver();
    const hook = await createWebhook(app, supervisor, target.url, ['ClaimEscalated']);
    await followUp(app, claimant, claimId);
    await escalate(app, agent, claimId, 'CONSUMER_ASSOCIATION');
    await target.waitFor(1);
    expect(codes(await app.gql(supervisor, DEACTIVATE_WEBHOOK, { id: hook.id }))).toEqual([]);
    await escalate(app, agent, claimId, 'REGULATOR');
    await app.waitForProjections();
    await sleep(300);
    expect(target.received.map(({ json }) => json.data.event.data.level)).toEqual(['CONSUMER_ASSOCIATION']);
  });

  it('retries a failing receiver with backoff, marks the delivery FAILED after the window, and redelivers it on request', async () => {
    const target = await receiver(500);
    const hook = await createWebhook(app, supervisor, target.url, ['ClaimEscalated']);
    await escalate(app, agent, await fileClaim(app, claimant), 'PLATFORM_MANAGEMENT');
    await waitUntil(async () => (await deliveriesOf(hook.id))[0]?.status === 'FAILED');
    const [failed] = await deliveriesOf(hook.id);
    expect(failed).toMatchObject({ attempts: target.received.length, lastStatusCode: 500, nextAttemptAt: null, deliveredAt: null });
    expect(failed.attempts).toBeGreaterThanOrEqual(3);
    expect(failed.lastError).toContain('HTTP 500');
    expect(new Set(target.received.map(({ id }) => id))).toEqual(new Set([failed.id]));

    target.mode = 200;
    const redelivered = await app.gql(supervisor, REDELIVER_WEBHOOK, { id: failed.id });
    expect(redelivered.data!.redeliverWebhook).toMatchObject({ id: failed.id, status: 'PENDING' });
    await target.waitFor(1);
    expect(target.accepted.map(({ id }) => id)).toEqual([failed.id]);
    await waitUntil(async () => (await deliveriesOf(hook.id))[0]?.status === 'DELIVERED');
  });

  it('counts attempts by outcome in the Prometheus metrics', async () => {
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    const count = (status: string) => Number(new RegExp(`^webhook_deliveries_total\\{status="${status}"\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    expect(count('delivered')).toBeGreaterThanOrEqual(4);
    expect(count('retrying')).toBeGreaterThanOrEqual(2);
    expect(count('failed')).toBeGreaterThanOrEqual(1);
  });

  it('lets only the owner or a supervisor redeliver, and says NOT_FOUND for an unknown delivery', async () => {
    const target = await receiver();
    const crm = await app.token('integration', 'crm-redeliver');
    const hook = await createWebhook(app, crm, target.url, ['ClaimEscalated']);
    await escalate(app, agent, await fileClaim(app, claimant), 'PLATFORM_MANAGEMENT');
    await target.waitFor(1);
    const [delivery] = await deliveriesOf(hook.id);
    expect(codes(await app.gql(await app.token('integration', 'someone-else'), REDELIVER_WEBHOOK, { id: delivery.id }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(agent, REDELIVER_WEBHOOK, { id: delivery.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(crm, REDELIVER_WEBHOOK, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(crm, REDELIVER_WEBHOOK, { id: delivery.id }))).toEqual([]);
    await target.waitFor(2);
    expect(target.accepted.map(({ id }) => id)).toEqual([delivery.id, delivery.id]);
  });

  it('keeps delivering to a fast receiver while another one hangs', async () => {
    const slow = await receiver('hang');
    const fast = await receiver();
    await createWebhook(app, supervisor, slow.url, ['ClaimEscalated', 'ClaimantFollowedUp']);
    await createWebhook(app, supervisor, fast.url, ['ClaimEscalated', 'ClaimantFollowedUp']);
    const claims = await Promise.all([1, 2, 3, 4, 5, 6].map(() => fileClaim(app, claimant)));
    const started = Date.now();
    for (const claimId of claims) {
      await escalate(app, agent, claimId, LADDER[0]);
      await followUp(app, claimant, claimId);
    }
    await fast.waitFor(12, { timeoutMs: 5_000 });
    // The hanging receiver holds its own lane for WEBHOOK_TIMEOUT_MS (1.5 s) per attempt; the fast one never waited for it.
    expect(slow.received).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(25);
  }
}
