import { TestApp, codes } from '../support/api';
import { CLAIM_QUERY, fileClaimInput, mutation } from '../support/documents';

describe('the HTTP surface', () => {
  let app: TestApp;
  let agent: string;

  beforeAll(async () => {
    app = await TestApp.start();
    agent = await app.token('agent', 'agent-http');
  });
  afterAll(() => app.stop(true));

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, authorization: `Bearer ${agent}` }, body });

  it('answers a malformed JSON body with 400 BAD_REQUEST', async () => {
    const response = await post('{"query": "{ claims { totalCount } ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a malformed GraphQL document with 400 GRAPHQL_PARSE_FAILED', async () => {
    const response = await post(JSON.stringify({ query: 'mutation { fileClaim(input: { ' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field or a wrongly typed variable with 400', async () => {
    const unknown = await post(JSON.stringify({ query: '{ claims { nope } }' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const wrongType = await post(JSON.stringify({ query: CLAIM_QUERY, variables: { id: 42.5 } }));
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a body over 1 MiB with 413 without reading it all', async () => {
    const response = await post(JSON.stringify({ query: `{ claims { totalCount } } #${'x'.repeat(1_100_000)}` }));
    expect(response.status).toBe(413);
  });

  it('answers bad input values with BAD_USER_INPUT and appends nothing', async () => {
    const answer = await app.gql(agent, mutation('fileClaim'), {
      input: fileClaimInput({ claimantId: 'buyer-x', amountPaid: { amount: -5, currency: 'cny' } }),
    });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    const list = await app.gql(agent, '{ claims { totalCount } }');
    expect(list.data!.claims.totalCount).toBe(0);
  });

  it('answers a missing token with UNAUTHENTICATED and an unknown one with 401', async () => {
    const none = await app.gql(null, '{ claims { totalCount } }');
    expect(codes(none)).toEqual(['UNAUTHENTICATED']);
    const bad = await app.gql('rct_not-a-real-token', '{ claims { totalCount } }');
    expect(bad.status).toBe(401);
    expect(codes(bad)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a claim id that is not a UUID with BAD_USER_INPUT and an unknown one with null', async () => {
    expect(codes(await app.gql(agent, CLAIM_QUERY, { id: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
    const unknown = await app.gql(agent, CLAIM_QUERY, { id: '0b7c1f4e-9d7b-4c1e-8a55-1d2f3e4a5b6c' });
    expect(unknown.data!.claim).toBeNull();
    const command = await app.gql(agent, mutation('closeClaim'), { input: { claimId: '0b7c1f4e-9d7b-4c1e-8a55-1d2f3e4a5b6c' } });
    expect(codes(command)).toEqual(['NOT_FOUND']);
  });

  it('serves liveness and readiness, and a request id on every answer', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/.+/);
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', lag: 0 });
    const given = await fetch(`${app.baseUrl}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
  });
});
