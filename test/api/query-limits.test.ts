import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { TestApp, codes, type GraphQLAnswer } from '../support/api';
import { CLAIM_FIELDS, fileClaimInput } from '../support/documents';
import { connect, wsGql, wsUrlOf } from '../support/ws';

/** `{ __schema { types { fields { type { ofType { … } } } } } }`, nested `levels` deep: introspection's cycle. */
function deepIntrospection(levels: number): string {
  let inner = 'name';
  for (let level = 0; level < levels - 5; level++) inner = `ofType { ${inner} }`;
  return `{ __schema { types { fields { type { ${inner} } } } } }`;
}

const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: claims(first: 1) { totalCount }`).join(' ')} }`;
const page = (alias: string) => `${alias}: claims(first: 100) { edges { node { ${CLAIM_FIELDS} } } }`;

/** Each query limit, over HTTP and over WebSocket: refused with a stable code before any resolver runs. */
describe('query limits', () => {
  let app: TestApp;
  let agent: string;
  const ws: ReturnType<typeof connect>[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ MAX_BODY_BYTES: '65536' });
    agent = await app.token('agent');
  });
  afterAll(async () => {
    await Promise.all(ws.map((client) => client.dispose()));
    await app.stop(true);
  });

  const overWs = (query: string, variables: Record<string, unknown> = {}) => {
    const client = connect(app, agent);
    ws.push(client);
    return wsGql(client, query, variables);
  };

  const refusals: { name: string; query: string; code: string }[] = [
    { name: 'a query nested 11 levels deep (the default allows 10)', query: deepIntrospection(11), code: 'QUERY_TOO_DEEP' },
    { name: 'an operation with 16 aliases (the default allows 15)', query: aliased(16), code: 'TOO_MANY_ALIASES' },
    { name: 'a document of more than 2,000 tokens', query: `{ claims { ${'totalCount '.repeat(2001)}} }`, code: 'TOO_MANY_TOKENS' },
    { name: 'two full pages of 100 claims with their evidence and history', query: `{ ${page('a')} ${page('b')} }`, code: 'QUERY_TOO_COSTLY' },
  ];

  it.each(refusals)('refuses $name over HTTP with 400 $code', async ({ query, code }) => {
    const answer = await app.gql(agent, query);
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual([code]);
    expect(answer.data).toBeUndefined();
  });

  it.each(refusals)('refuses $name over WebSocket with $code', async ({ query, code }) => {
    const answer = await overWs(query);
    expect(codes(answer)).toEqual([code]);
    expect(answer.data).toBeUndefined();
  });

  it('lets the largest reasonable queries through: 10 levels, 15 aliases, one full page of 100 claims', async () => {
    for (const query of [deepIntrospection(10), aliased(15), `{ ${page('a')} }`]) {
      const answer = await app.gql(agent, query);
      expect(answer.errors).toBeUndefined();
    }
  });

  it('measures a document again when its variables set the page size or skip fields: a pass is not reused for a costlier request', async () => {
    const bySize = `query Pages($n: Int) { a: claims(first: $n) { edges { node { ${CLAIM_FIELDS} } } } b: claims(first: $n) { edges { node { ${CLAIM_FIELDS} } } } }`;
    const bySkip = `query Skip($lean: Boolean!) { ${page('a')} b: claims(first: 100) @skip(if: $lean) { edges { node { ${CLAIM_FIELDS} } } } }`;
    for (const [query, cheap, costly] of [
      [bySize, { n: 1 }, { n: 100 }],
      [bySkip, { lean: true }, { lean: false }],
    ] as const) {
      for (let n = 0; n < 2; n++) expect((await app.gql(agent, query, cheap)).status).toBe(200);
      const refused = await app.gql(agent, query, costly);
      expect(codes(refused)).toEqual(['QUERY_TOO_COSTLY']);
    }
  });

  it('refuses a costly document every time it is sent, and lets a cheap one through every time', async () => {
    const costly = `{ ${page('a')} ${page('b')} }`;
    for (let n = 0; n < 3; n++) {
      expect(codes(await app.gql(agent, costly))).toEqual(['QUERY_TOO_COSTLY']);
      expect((await app.gql(agent, `{ ${page('a')} }`)).status).toBe(200);
    }
  });

  it('runs no resolver of a refused mutation: nothing is filed', async () => {
    const platformId = `limits-${randomUUID().slice(0, 8)}`;
    const files = Array.from({ length: 16 }, (_, i) => `f${i}: fileClaim(input: $input) { position }`).join(' ');
    const answer = await app.gql(agent, `mutation($input: FileClaimInput!) { ${files} }`, {
      input: fileClaimInput({ platformId, claimantId: 'buyer-limits' }),
    });
    expect(codes(answer)).toEqual(['TOO_MANY_ALIASES']);
    const listed = await app.gql(agent, 'query($p: String) { claims(filter: { platformId: $p }) { totalCount } }', { p: platformId });
    expect(listed.data!.claims.totalCount).toBe(0);
  });

  it('refuses batched operations (a JSON array) with 400 BATCHING_NOT_SUPPORTED', async () => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
      body: JSON.stringify([{ query: '{ claims { totalCount } }' }, { query: '{ claims { totalCount } }' }]),
    });
    expect(response.status).toBe(400);
    expect(codes((await response.json()) as GraphQLAnswer)).toEqual(['BATCHING_NOT_SUPPORTED']);
  });

  it('refuses a body over MAX_BODY_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
      body: JSON.stringify({ query: `{ claims { totalCount } } #${'x'.repeat(70_000)}` }),
    });
    expect(response.status).toBe(413);
    expect(codes((await response.json()) as GraphQLAnswer)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('closes a WebSocket whose message is over MAX_BODY_BYTES with 1009', async () => {
    const socket = new WebSocket(wsUrlOf(app), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${agent}`, pad: 'x'.repeat(70_000) } }));
    expect(await closed).toBe(1009);
  });
});
