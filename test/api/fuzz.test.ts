import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { TestApp } from '../support/api';
import { connect, wsGql } from '../support/ws';

/** Recorded so that any failure replays exactly: `fc.assert(…, { seed: FUZZ_SEED })`. */
const FUZZ_SEED = 20261124;
const RUNS = 500;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Pieces of documents: real names, punctuation, odd literals, so that many parse and some validate. */
const piece = fc.oneof(
  fc.constantFrom('{', '}', '(', ')', ':', '...', '$', '!', '@', '[', ']', '=', 'query', 'mutation', 'subscription', 'fragment', 'on'),
  fc.constantFrom('claims', 'claim', 'edges', 'node', 'id', 'status', 'history', 'evidence', 'totalCount', '__schema', '__type', 'types', 'fields', 'name'),
  fc.constantFrom('first: 100', 'first: -1', 'first: 1e9', 'id: "x"', 'after: "%%%"', 'a:', 'fileClaim(input: {})', 'followUpClaim(input: { claimId: "1" })'),
  fc.string({ unit: 'binary', maxLength: 12 }).map((text) => JSON.stringify(text)),
  fc.integer().map(String),
  fc.double().map(String),
);
const documentArb = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(' '));
const variablesArb = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }));

/** A body: a document with variables, a JSON value of any shape, or text that is not JSON at all. */
const bodyArb = fc.oneof(
  fc.record({ query: documentArb, variables: variablesArb }).map((body) => JSON.stringify(body)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('fuzzing the API', () => {
  let app: TestApp;
  let agent: string;

  beforeAll(async () => {
    app = await TestApp.start();
    agent = await app.token('agent');
  });
  afterAll(() => app.stop(true));

  const post = async (body: string) => {
    const response = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` }, body });
    return { status: response.status, text: await response.text() };
  };

  it(`answers ${RUNS} random bodies with no 5xx and no masked error, stays up, and does not grow its heap`, async () => {
    for (let i = 0; i < 50; i++) await post(JSON.stringify({ query: '{ claims { totalCount } }' })); // warm caches before measuring
    gc();
    const before = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const { status, text } = await post(body);
        expect(status).toBeLessThan(500);
        expect(text).not.toContain('INTERNAL_SERVER_ERROR');
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
    gc();
    const grownMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    expect(grownMiB).toBeLessThan(16);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it(`answers ${RUNS} random documents over WebSocket with coded errors only, on one connection that stays open`, async () => {
    const client = connect(app, agent);
    try {
      await fc.assert(
        // Variables that are not an object break the protocol itself (graphql-ws closes with 4400): not fuzzed here.
        fc.asyncProperty(documentArb, fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), async (query, variables) => {
          const answer = await wsGql(client, query, variables);
          for (const error of answer.errors ?? []) expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
      expect((await wsGql(client, '{ claims { totalCount } }')).errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
  });
});
