import { randomUUID } from 'node:crypto';
import { TestApp, codes } from '../support/api';
import { fileClaimInput, mutation } from '../support/documents';
import { connect, wsGql } from '../support/ws';

const FOLLOW_UP = 'mutation($input: FollowUpClaimInput!) { followUpClaim(input: $input) { claim { revision } } }';
const REVISION = 'query($id: ID!) { claim(id: $id) { revision } }';

describe('rate limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ MUTATIONS_PER_MINUTE: '3' });
  });
  afterAll(() => app.stop(true));

  it('answers a token’s fourth mutation within the minute with 429, Retry-After and RATE_LIMITED, and records nothing', async () => {
    const buyer = await app.token('claimant');
    for (let i = 0; i < 3; i++) expect((await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() })).errors).toBeUndefined();
    const input = fileClaimInput({ claimId: randomUUID() });
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` },
      body: JSON.stringify({ query: mutation('fileClaim'), variables: { input } }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const answer = (await response.json()) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(answer.errors.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED']);
    const agent = await app.token('agent');
    expect((await app.gql(agent, REVISION, { id: input.claimId })).data!.claim).toBeNull();
  });

  it('limits each token on its own and never limits queries', async () => {
    const first = await app.token('claimant');
    const second = await app.token('claimant');
    for (let i = 0; i < 3; i++) await app.gql(first, mutation('fileClaim'), { input: fileClaimInput() });
    expect(codes(await app.gql(first, mutation('fileClaim'), { input: fileClaimInput() }))).toEqual(['RATE_LIMITED']);
    expect((await app.gql(second, mutation('fileClaim'), { input: fileClaimInput() })).errors).toBeUndefined();
    for (let i = 0; i < 5; i++) expect((await app.gql(first, '{ claims { totalCount } }')).errors).toBeUndefined();
  });

  it('counts mutations over WebSocket against the same limit', async () => {
    const buyer = await app.token('claimant');
    for (let i = 0; i < 3; i++) await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() });
    const client = connect(app, buyer);
    try {
      const answer = await wsGql(client, mutation('fileClaim'), { input: fileClaimInput() });
      expect(codes(answer)).toEqual(['RATE_LIMITED']);
      expect(answer.errors![0].extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    } finally {
      await client.dispose();
    }
  });
});

describe('follow-ups per claim', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ MAX_FOLLOW_UPS_PER_HOUR: '2' });
  });
  afterAll(() => app.stop(true));

  it('refuses a follow-up beyond MAX_FOLLOW_UPS_PER_HOUR on one claim with FOLLOW_UP_LIMIT_REACHED, appending nothing', async () => {
    const buyer = await app.token('claimant');
    const filed = await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() });
    const claimId = filed.data!.fileClaim.claim.id;
    for (let i = 0; i < 2; i++) expect((await app.gql(buyer, FOLLOW_UP, { input: { claimId, message: '请尽快处理' } })).errors).toBeUndefined();
    expect(codes(await app.gql(buyer, FOLLOW_UP, { input: { claimId, message: '请尽快处理' } }))).toEqual(['FOLLOW_UP_LIMIT_REACHED']);
    expect((await app.gql(buyer, REVISION, { id: claimId })).data!.claim.revision).toBe(2);

    const other = await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() });
    const otherId = other.data!.fileClaim.claim.id;
    expect((await app.gql(buyer, FOLLOW_UP, { input: { claimId: otherId, message: '另一个申诉' } })).errors).toBeUndefined();
  });
});
