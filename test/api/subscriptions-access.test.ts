import WebSocket from 'ws';
import { TestApp } from '../support/api';
import { CLAIM_ESCALATED, CLAIM_EVENTS, claimWith, headPosition, steps } from '../support/ws-claims';
import { ClientPool, Recording, closeOf, wsUrlOf } from '../support/ws';

/**
 * Who may subscribe and to what, and requests refused, over graphql-ws with the real client: the
 * rules of the HTTP API (roles, the claimant's own claims, error codes, the body limit) hold here too.
 */
describe('subscriptions: access and limits', () => {
  let app: TestApp;
  let buyer: string;
  let otherBuyer: string;
  let agent: string;
  const clients = new ClientPool();

  beforeAll(async () => {
    app = await TestApp.start();
    [buyer, otherBuyer, agent] = await Promise.all([
      app.token('claimant', 'buyer-access'),
      app.token('claimant', 'buyer-access-other'),
      app.token('agent', 'agent-access'),
    ]);
  });
  afterEach(() => clients.disposeAll());
  afterAll(() => app.stop(true));

  const client = (token: string) => clients.connect(app, token);

  describe('who hears what', () => {
    it('lets a claimant hear only of their own claims, in catch-up and live alike', async () => {
      const after = await headPosition(app);
      const theirs = await claimWith(app, otherBuyer);
      const mine = await claimWith(app, buyer);
      const events = new Recording(client(buyer), 'claimEvents', CLAIM_EVENTS, { after });
      const escalations = new Recording(client(buyer), 'claimEscalated', CLAIM_ESCALATED, { after });
      const snooping = new Recording(client(buyer), 'claimEvents', CLAIM_EVENTS, { after, claimId: theirs.claimId });
      const agentSees = new Recording(client(agent), 'claimEvents', CLAIM_EVENTS, { after });

      await steps.escalate(app, otherBuyer, theirs.claimId, 'COURT');
      const [myEscalation] = await steps.escalate(app, buyer, mine.claimId, 'REGULATOR');

      expect((await events.waitFor(2)).map((event) => event.id)).toEqual([mine.events[0].id, myEscalation.id]);
      expect((await escalations.waitFor(1)).map((escalation) => escalation.claimId)).toEqual([mine.claimId]);
      expect(await agentSees.waitFor(4)).toHaveLength(4);
      await settle();
      expect([events.values.length, escalations.values.length]).toEqual([2, 1]);
      // Another's claim is silent, exactly like a claim that does not exist: no events, no error.
      expect([snooping.values, snooping.errors, snooping.ended]).toEqual([[], [], null]);
    });

    const ROLES = ['claimant', 'agent', 'supervisor', 'auditor', 'integration'] as const;
    it.each(ROLES)('lets the %s role subscribe (reading is open to every role)', async (role) => {
      const token = role === 'claimant' ? buyer : await app.token(role);
      const after = await headPosition(app);
      const recording = new Recording(client(token), 'claimEvents', CLAIM_EVENTS, { after });

      const { events } = await claimWith(app, buyer);

      expect((await recording.waitFor(1)).map((event) => event.id)).toEqual([events[0].id]);
    });

    it('closes a connection without a token with 4401 and one with a bad token with 4403', async () => {
      expect(await closeOf(app, {})).toEqual({ code: 4401, reason: expect.stringContaining('authorization') });
      expect((await closeOf(app, { authorization: 'Bearer rct_not-a-token' })).code).toBe(4403);
      expect((await closeOf(app, { authorization: `Basic ${buyer}` })).code).toBe(4403);
      expect((await closeOf(app, { authorization: 42 })).code).toBe(4401);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['afterPosition', { after: '12abc' }],
      ['afterPosition', { after: '-1' }],
      ['types', { types: ['ClaimUpdated'] }],
      ['claimId', { claimId: 'not-a-uuid' }],
    ])('answers BAD_USER_INPUT for a bad %s and ends the subscription', async (argument, variables) => {
      const recording = new Recording(client(agent), 'claimEvents', CLAIM_EVENTS, variables);
      await recording.waitForEnd();
      expect(recording.errors.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([
        ['BAD_USER_INPUT', argument],
      ]);
    });

    it('answers a mistyped variable, a syntax error and an unknown field with the codes HTTP gives', async () => {
      const connection = client(agent);
      const refused = [
        new Recording(connection, 'claimEvents', CLAIM_EVENTS, { after: 5 }),
        new Recording(connection, 'claimEvents', 'subscription { claimEvents {'),
        new Recording(connection, 'claimEvents', 'subscription { claimEvents { nope } }'),
      ];
      await Promise.all(refused.map((recording) => recording.waitForEnd()));
      expect(refused.map((recording) => recording.errors.map((error) => error.extensions?.code))).toEqual([
        ['BAD_USER_INPUT'],
        ['GRAPHQL_PARSE_FAILED'],
        ['GRAPHQL_VALIDATION_FAILED'],
      ]);

      // The connection itself stays usable.
      const after = await headPosition(app);
      const recording = new Recording(connection, 'claimEvents', CLAIM_EVENTS, { after });
      const { events } = await claimWith(app, buyer);
      expect((await recording.waitFor(1))[0].id).toBe(events[0].id);
    });

    it('answers a subscription sent over HTTP with BAD_REQUEST, pointing to WebSocket', async () => {
      const answer = await app.gql(agent, 'subscription { claimEvents { id } }');
      expect(answer.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        ['BAD_REQUEST', expect.stringContaining('WebSocket')],
      ]);
    });

    it('accepts a message up to 1 MiB (the HTTP body limit) and closes the connection on a larger one with 1009', async () => {
      const query = 'subscription { claimEvents(afterPosition: "0") { id } } #';
      const padded = (bytes: number) => query + 'x'.repeat(bytes - query.length - 60);
      expect(await rawSubscribe(padded(1024 * 1024))).toEqual({ answered: 'next' });
      expect(await rawSubscribe(padded(1024 * 1024 + 100))).toEqual({ closed: 1009 });
    });
  });

  /** A subscribe message sent by hand (its size is the point): the first answer, or how the connection closed. */
  function rawSubscribe(query: string): Promise<{ answered: string } | { closed: number }> {
    const socket = new WebSocket(wsUrlOf(app), 'graphql-transport-ws');
    const subscribe = JSON.stringify({ id: '1', type: 'subscribe', payload: { query } });
    return new Promise((resolve) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${agent}` } })));
      socket.on('message', (data) => {
        const { type } = JSON.parse(String(data)) as { type: string };
        if (type === 'connection_ack') return socket.send(subscribe);
        resolve({ answered: type });
        socket.close();
      });
      socket.on('close', (code) => resolve({ closed: code }));
    });
  }
});

/** Long enough for a wrongly delivered event to arrive too. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 200));
}
