import { readFileSync } from 'node:fs';
import { TestApp, codes } from '../../support/api';
import { CREATE_WEBHOOK, DEACTIVATE_WEBHOOK, WEBHOOKS, createWebhook } from '../../support/webhooks';

const HOOK_URL = 'http://127.0.0.1:9/hooks';

describe('registering webhooks', () => {
  let app: TestApp;
  let supervisor: string;

  beforeAll(async () => {
    app = await TestApp.start({ WEBHOOKS_ALLOW_LOOPBACK: '1' });
    supervisor = await app.token('supervisor');
  });
  afterAll(() => app.stop(true));

  async function headPosition(): Promise<string> {
    const ready = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as { eventStorePosition: string };
    return ready.eventStorePosition;
  }

  it('returns a whsec_ signing secret once, and stores it nowhere', async () => {
    const answer = await app.gql(supervisor, CREATE_WEBHOOK, { input: { url: HOOK_URL, eventTypes: ['ClaimEscalated'] } });
    expect(answer.errors).toBeUndefined();
    const { webhook, signingSecret } = answer.data!.createWebhook;
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toMatchObject({ url: HOOK_URL, eventTypes: ['ClaimEscalated'], active: true });
    const listed = await app.gql(supervisor, WEBHOOKS);
    expect(listed.data!.webhooks.map((hook: { id: string }) => hook.id)).toContain(webhook.id);
    expect(JSON.stringify(listed.data)).not.toContain(signingSecret.slice('whsec_'.length));
    const files = app.config.readModelDb === 'sqlite' ? [app.config.eventStorePath, app.config.readModelPath] : [app.config.eventStorePath];
    for (const file of files) {
      expect(readFileSync(file).includes(signingSecret.slice('whsec_'.length))).toBe(false);
    }
  });

  it('gives each webhook its own secret', async () => {
    const first = await createWebhook(app, supervisor, HOOK_URL, ['ClaimEscalated']);
    const second = await createWebhook(app, supervisor, HOOK_URL, ['ClaimEscalated']);
    expect(first.signingSecret).not.toBe(second.signingSecret);
  });

  it.each(['claimant', 'agent', 'auditor'] as const)('refuses a %s with FORBIDDEN, appending nothing', async (role) => {
    const token = await app.token(role);
    await app.gql(token, '{ __typename }'); // a token's first use is recorded (TokenUsed): not what is measured here
    const before = await headPosition();
    const answer = await app.gql(token, CREATE_WEBHOOK, { input: { url: HOOK_URL, eventTypes: ['ClaimEscalated'] } });
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(await headPosition()).toBe(before);
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    expect(codes(await app.gql(null, WEBHOOKS))).toEqual(['UNAUTHENTICATED']);
  });

  it('shows an integration only its own webhooks, and lets no other integration switch them off', async () => {
    const crm = await app.token('integration', 'crm-1');
    const association = await app.token('integration', 'consumer-association');
    const own = await createWebhook(app, crm, HOOK_URL, ['ClaimEscalated', 'ClaimResolved']);
    const theirs = await createWebhook(app, association, HOOK_URL, ['ClaimEscalated']);
    const listed = (await app.gql(crm, WEBHOOKS)).data!.webhooks.map((hook: { id: string }) => hook.id);
    expect(listed).toEqual([own.id]);
    expect(codes(await app.gql(crm, DEACTIVATE_WEBHOOK, { id: theirs.id }))).toEqual(['NOT_FOUND']);
    const all = (await app.gql(await app.token('auditor'), WEBHOOKS)).data!.webhooks.map((hook: { id: string }) => hook.id);
    expect(all).toEqual(expect.arrayContaining([own.id, theirs.id]));
  });

  it('switches a webhook off once; a second time is WEBHOOK_INACTIVE', async () => {
    const hook = await createWebhook(app, supervisor, HOOK_URL, ['ClaimEscalated']);
    const answer = await app.gql(supervisor, DEACTIVATE_WEBHOOK, { id: hook.id });
    expect(answer.data!.deactivateWebhook).toMatchObject({ id: hook.id, active: false });
    expect(codes(await app.gql(supervisor, DEACTIVATE_WEBHOOK, { id: hook.id }))).toEqual(['WEBHOOK_INACTIVE']);
    expect(codes(await app.gql(supervisor, DEACTIVATE_WEBHOOK, { id: 'not-a-webhook' }))).toEqual(['NOT_FOUND']);
  });

  const tooLong = `https://example.com/${'长'.repeat(2100)}`;
  it.each([
    ['ftp://example.com/hook', 'WEBHOOK_URL_INVALID'],
    ['not a url', 'WEBHOOK_URL_INVALID'],
    ['https://user:secret@example.com/hook', 'WEBHOOK_URL_INVALID'],
    [tooLong, 'BAD_USER_INPUT'],
    ['http://10.1.2.3/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://192.168.1.20/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://172.16.0.5/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://[fe80::1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://[fd00::1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://[::ffff:10.0.0.1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://0.0.0.0/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ['http://100.64.0.1/hook', 'WEBHOOK_URL_FORBIDDEN'],
  ])('refuses a URL (%#) with its code, appending nothing', async (url, code) => {
    const before = await headPosition();
    expect(codes(await app.gql(supervisor, CREATE_WEBHOOK, { input: { url, eventTypes: ['ClaimEscalated'] } }))).toEqual([code]);
    expect(await headPosition()).toBe(before);
  });

  it.each([[[]], [['ClaimEscalated', 'ClaimExploded']], [['claimescalated']]])('refuses event types %j with WEBHOOK_EVENT_TYPES_INVALID', async (eventTypes) => {
    const answer = await app.gql(supervisor, CREATE_WEBHOOK, { input: { url: HOOK_URL, eventTypes } });
    expect(codes(answer)[0]).toMatch(/^(WEBHOOK_EVENT_TYPES_INVALID|BAD_USER_INPUT)$/);
  });
});

describe('webhook URLs without WEBHOOKS_ALLOW_LOOPBACK', () => {
  let app: TestApp;
  beforeAll(async () => (app = await TestApp.start()));
  afterAll(() => app.stop(true));

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]/hook', 'http://127.9.9.9/hook'])(
    'refuses the loopback URL %s with WEBHOOK_URL_FORBIDDEN',
    async (url) => {
      const answer = await app.gql(await app.token('supervisor'), CREATE_WEBHOOK, { input: { url, eventTypes: ['ClaimEscalated'] } });
      expect(codes(answer)).toEqual(['WEBHOOK_URL_FORBIDDEN']);
    },
  );
});
