import { TestApp, codes } from '../support/api';
import { fileClaimInput, mutation } from '../support/documents';
import { connect, wsGql } from '../support/ws';

const INTROSPECT = '{ __schema { queryType { name } } }';
const TYPO = '{ claims { totalCont } }';

describe('running in production (NODE_ENV=production)', () => {
  let app: TestApp;
  let buyer: string;
  let agent: string;

  beforeAll(async () => {
    app = await TestApp.start({ NODE_ENV: 'production', CORS_ORIGINS: 'https://app.recourse.example' });
    buyer = await app.token('claimant');
    agent = await app.token('agent');
  });
  afterAll(() => app.stop(true));

  it('lets staff introspect and refuses claimants and anonymous callers with 400 INTROSPECTION_DISABLED', async () => {
    expect((await app.gql(agent, INTROSPECT)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    for (const token of [buyer, null]) {
      const answer = await app.gql(token, INTROSPECT);
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['INTROSPECTION_DISABLED']);
    }
  });

  it('refuses introspection over WebSocket to a claimant too', async () => {
    const client = connect(app, buyer);
    try {
      expect(codes(await wsGql(client, INTROSPECT))).toEqual(['INTROSPECTION_DISABLED']);
    } finally {
      await client.dispose();
    }
  });

  it('suggests field names to staff only', async () => {
    expect((await app.gql(agent, TYPO)).errors![0].message).toMatch(/Did you mean "totalCount"\?/);
    const answer = await app.gql(buyer, TYPO);
    expect(codes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.errors![0].message).toBe('Cannot query field "totalCont" on type "ClaimConnection".');
  });

  it('refuses a GET query without a preflight-forcing header (CSRF prevention)', async () => {
    const response = await fetch(`${app.url}?query=${encodeURIComponent('{ claims { totalCount } }')}`, { headers: { authorization: `Bearer ${agent}` } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/preflight/i);
  });

  it('answers CORS only for the allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(app.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('https://app.recourse.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.recourse.example');
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers and a request id with every answer', async () => {
    for (const url of [app.url, `${app.baseUrl}/healthz`, `${app.baseUrl}/nowhere`]) {
      const response = await fetch(url, { method: url === app.url ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: url === app.url ? '{}' : undefined });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    }
  });
});

describe('metrics', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ MUTATIONS_PER_MINUTE: '1' });
  });
  afterAll(() => app.stop(true));

  it('serves Prometheus metrics: request and command latency, conflicts, projection lag, refusals', async () => {
    const buyer = await app.token('claimant');
    await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() });
    expect(codes(await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() }))).toEqual(['RATE_LIMITED']);
    await app.waitForProjections();

    const response = await fetch(`${app.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+$/m);
    expect(text).toMatch(/^claim_command_duration_seconds_count\{command="FileClaim",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^# TYPE claim_command_conflicts_total counter$/m);
    expect(text).toMatch(/^rate_limit_refusals_total\{limit="mutations_per_token"\} 1$/m);
    expect(text).toMatch(/^projection_lag_events\{projection="claim-summary"\} 0$/m);
    expect(text).toMatch(/^projection_lag_seconds\{projection="claim-summary"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
