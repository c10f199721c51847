import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestApp } from '../../support/api';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { createWebhook, escalate, fileClaim } from '../../support/webhooks';

type Verify = (secret: string, headers: Record<string, unknown>, rawBody: string, toleranceSeconds?: number) => boolean;

/** The signature check README.md shows receivers, taken from README itself so that it stays true. */
function readmeVerifier(): Verify {
  const readme = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const match = /<!-- webhook-verification-example -->\s*```js\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no webhook verification example');
  const module = { exports: {} as { verifyRecourseWebhook?: Verify } };
  new Function('require', 'module', match[1])(require, module);
  return module.exports.verifyRecourseWebhook!;
}

describe("README's webhook signature check", () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  const verify = readmeVerifier();

  beforeAll(async () => {
    app = await TestApp.start({ WEBHOOKS_ALLOW_LOOPBACK: '1', WEBHOOK_POLL_MS: '20' });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await app.stop(true);
    await receiver.stop();
  });

  it('accepts a real delivery, and refuses it tampered with, replayed late or checked with another secret', async () => {
    const [supervisor, agent, claimant] = await Promise.all([app.token('supervisor'), app.token('agent'), app.token('claimant')]);
    const hook = await createWebhook(app, supervisor, receiver.url, ['ClaimEscalated']);
    const other = await createWebhook(app, supervisor, receiver.url, ['ClaimResolved']);
    await escalate(app, agent, await fileClaim(app, claimant), 'CONSUMER_ASSOCIATION');
    await receiver.waitFor(1);
    const [{ headers, body }] = receiver.received;

    expect(verify(hook.signingSecret, headers, body)).toBe(true);
    expect(verify(hook.signingSecret, headers, body.replace('CONSUMER_ASSOCIATION', 'COURT'))).toBe(false);
    expect(verify(other.signingSecret, headers, body)).toBe(false);
    expect(verify(hook.signingSecret, { ...headers, 'webhook-id': 'another-id' }, body)).toBe(false);
    expect(verify(hook.signingSecret, headers, body, -1)).toBe(false);
    expect(verify(hook.signingSecret, { ...headers, 'webhook-signature': `v1,bm90IGl0 ${String(headers['webhook-signature'])}` }, body)).toBe(true);
  });
});
