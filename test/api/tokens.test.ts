import { randomUUID } from 'node:crypto';
import { revokeTokenById, tokensOf } from '../../infra/cli/token';
import { createLogger } from '../../infra/logger';
import { openEventStore } from '../../infra/main';
import { issueToken } from '../../services/tokens';
import { TestApp, codes } from '../support/api';
import { Recording, connect, until } from '../support/ws';

const CLAIMS = '{ claims { totalCount } }';
const ESCALATIONS = 'subscription { claimEscalated { claimId } }';

/** Token expiry, listing, revocation (through the CLI's own functions, on the store the server uses) and last use. */
describe('tokens', () => {
  let app: TestApp;
  const logger = createLogger('silent');

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop(true));

  const issue = async (expiresAt: Date | null) => {
    const store = openEventStore(app.config);
    try {
      return await issueToken(store, { role: 'agent', subject: `agent-${randomUUID().slice(0, 6)}`, expiresAt }, { newId: randomUUID, clock: () => new Date() });
    } finally {
      await store.close();
    }
  };

  it('refuses an expired token with UNAUTHENTICATED and accepts one not yet expired', async () => {
    const expired = await issue(new Date(Date.now() - 1000));
    const valid = await issue(new Date(Date.now() + 60_000));
    expect(codes(await app.gql(expired.token, CLAIMS))).toEqual(['UNAUTHENTICATED']);
    expect((await app.gql(valid.token, CLAIMS)).errors).toBeUndefined();
  });

  it('stops a revoked token at once: the next request is UNAUTHENTICATED and its open WebSocket closes with 4403', async () => {
    const { token, principal } = await issue(null);
    expect((await app.gql(token, CLAIMS)).errors).toBeUndefined();
    const closes: { code: number; reason: string }[] = [];
    const client = connect(app, token, { on: { closed: (event) => closes.push(event as { code: number; reason: string }) } });
    const subscription = new Recording(client, 'claimEscalated', ESCALATIONS);
    await until(() => closes.length > 0 || subscription.ended !== null, 300, () => 'nothing').catch(() => undefined);

    expect(await revokeTokenById(app.config, logger, principal.tokenId)).toBe(true);

    expect(codes(await app.gql(token, CLAIMS))).toEqual(['UNAUTHENTICATED']);
    await until(() => closes.length > 0, 5000, () => 'the connection to close');
    expect(closes[0]).toEqual(expect.objectContaining({ code: 4403, reason: expect.stringContaining('revoked') }));
    expect(await revokeTokenById(app.config, logger, principal.tokenId)).toBe(false);
    await client.dispose();
  });

  it('lists every token with its role, subject, expiry, revocation and last use, never the token', async () => {
    const used = await issue(new Date(Date.now() + 86_400_000));
    const unused = await issue(null);
    await app.gql(used.token, CLAIMS);
    await until(() => false, 200, () => '').catch(() => undefined); // the use is recorded without holding up the request

    const listed = await tokensOf(app.config);
    const byId = new Map(listed.map((token) => [token.tokenId, token]));
    expect(byId.get(used.principal.tokenId)).toMatchObject({ role: 'agent', subject: used.principal.id, revokedAt: null });
    expect(byId.get(used.principal.tokenId)!.expiresAt).toBe(used.principal.expiresAt);
    expect(Date.parse(byId.get(used.principal.tokenId)!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(byId.get(unused.principal.tokenId)).toMatchObject({ lastUsedAt: null, expiresAt: null });
    expect(JSON.stringify(listed)).not.toContain(used.token);
  });
});
