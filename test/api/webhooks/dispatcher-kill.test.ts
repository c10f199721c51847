import { RecourseProcess } from '../../support/processes';
import { TestApp } from '../../support/api';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { LADDER, createWebhook, escalate, fileClaim } from '../../support/webhooks';

const CLAIMS = 5;

/**
 * The dispatcher runs in a projector process (`recourse project`); it is killed with SIGKILL while
 * deliveries are in flight, and another one is started on the same data. Nothing is lost: every
 * event reaches the receiver, a claim's in order, repeats only with the same webhook-id.
 * (SQLite read models only: the outbox code is the same on PostgreSQL.)
 */
describe('a webhook dispatcher killed mid-delivery', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  let env: Record<string, string>;
  const projectors: RecourseProcess[] = [];
  const eventIds = new Set<string>();

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(200);
    receiver.delayMs = 100;
    app = await TestApp.start({ PROJECTIONS: 'off', WEBHOOKS_ALLOW_LOOPBACK: '1' });
    env = {
      DATA_DIR: app.config.dataDir,
      READ_MODEL_PATH: app.config.readModelPath,
      PORT: '0',
      HOST: '127.0.0.1',
      EVENT_POLL_MS: '20',
      PROJECTOR_LEASE_MS: '800',
      WEBHOOKS_ALLOW_LOOPBACK: '1',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_DELAY_MS: '200',
    };
  });

  afterAll(async () => {
    await Promise.all(projectors.map((projector) => projector.stop('SIGKILL')));
    await app.stop(true);
    await receiver.stop();
  });

  function startProjector(): RecourseProcess {
    const projector = RecourseProcess.start(['project'], env);
    projectors.push(projector);
    return projector;
  }

  it('delivers every event after the kill, repeating only what was in flight', async () => {
    const first = startProjector();
    await first.untilMessage('webhook dispatcher lease taken: delivering');
    const [supervisor, agent, claimant] = await Promise.all([app.token('supervisor'), app.token('agent'), app.token('claimant')]);
    await createWebhook(app, supervisor, receiver.url, ['ClaimEscalated']);
    const claims = await Promise.all(Array.from({ length: CLAIMS }, () => fileClaim(app, claimant)));
    await Promise.all(claims.map(async (claimId) => {
      for (const level of LADDER) await escalate(app, agent, claimId, level);
    }));
    await until(() => receiver.accepted.length >= 6 && receiver.arrivals > receiver.accepted.length);
    // Killed while requests are at the receiver: it takes them, the dispatcher never learns it did.
    const inFlight = receiver.arrivals - receiver.accepted.length;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(inFlight).toBeGreaterThan(0);

    const second = startProjector();
    await second.untilMessage('webhook dispatcher lease taken: delivering');
    await until(() => new Set(receiver.accepted.map(({ id }) => id)).size >= CLAIMS * LADDER.length);
    for (const { json } of receiver.accepted) eventIds.add(json.data.event.id);
    expect(eventIds.size).toBe(CLAIMS * LADDER.length);
    // What was in flight was sent again, under the same webhook-id.
    expect(receiver.accepted.length).toBeGreaterThanOrEqual(CLAIMS * LADDER.length + inFlight);

    for (const claimId of claims) {
      const levels = receiver.accepted.filter(({ json }) => json.data.claimId === claimId).map(({ json }) => String(json.data.event.data.level));
      expect(dedupeRepeats(levels)).toEqual([...LADDER]);
    }
    const bodies = new Map<string, string>();
    for (const { id, body } of receiver.received) expect(bodies.get(id) ?? (bodies.set(id, body), body)).toBe(body);
  }, 60_000);
});

/** A claim's levels as received, a repeated delivery (the one in flight at the kill) counted once. */
function dedupeRepeats(levels: string[]): string[] {
  return levels.filter((level, index) => index === 0 || levels[index - 1] !== level);
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
