import { TestApp } from '../support/api';
import { CLAIM_ESCALATED, CLAIM_EVENTS, EVENT_FIELDS, claimWith, headPosition, steps, type Appended } from '../support/ws-claims';
import { ClientPool, Recording, until } from '../support/ws';

const HISTORY = `query($id: ID!) { claimHistory(id: $id) { ${EVENT_FIELDS} } }`;

/**
 * GraphQL subscriptions over graphql-ws, with the real client against a real server on the HTTP
 * port: what each subscription delivers (who hears it and refusals: subscriptions-access.test.ts).
 */
describe('subscriptions over graphql-ws', () => {
  let app: TestApp;
  let buyer: string;
  let otherBuyer: string;
  let agent: string;
  let integration: string;
  const clients = new ClientPool();

  beforeAll(async () => {
    app = await TestApp.start();
    [buyer, otherBuyer, agent, integration] = await Promise.all([
      app.token('claimant', 'buyer-ws'),
      app.token('claimant', 'buyer-ws-other'),
      app.token('agent', 'agent-ws'),
      app.token('integration', 'crm-ws'),
    ]);
  });
  afterEach(() => clients.disposeAll());
  afterAll(() => app.stop(true));

  const client = (token: string) => clients.connect(app, token);

  describe('claimEvents', () => {
    it('delivers every claim event after afterPosition, in order, exactly as claimHistory shows it', async () => {
      const after = await headPosition(app);
      const recording = new Recording(client(integration), 'claimEvents', CLAIM_EVENTS, { after });

      const { claimId, events } = await claimWith(
        app,
        buyer,
        (id) => steps.addEvidence(app, buyer, id),
        (id) => steps.followUp(app, buyer, id),
      );

      const received = await recording.waitFor(events.length);
      const history = await app.gql(agent, HISTORY, { id: claimId });
      expect(received).toEqual(history.data!.claimHistory);
      expect(received.map((event) => event.id)).toEqual(events.map((event) => event.id));
    });

    it('narrows to one claim and to the event types asked for', async () => {
      const after = await headPosition(app);
      const first = await claimWith(app, buyer);
      const recording = new Recording(client(agent), 'claimEvents', CLAIM_EVENTS, {
        after,
        claimId: first.claimId.toUpperCase(),
        types: ['EvidenceAdded', 'ClaimantFollowedUp'],
      });

      await claimWith(app, otherBuyer, (id) => steps.addEvidence(app, otherBuyer, id));
      const wanted = [
        ...(await steps.addEvidence(app, buyer, first.claimId)),
        ...(await steps.followUp(app, buyer, first.claimId)),
      ];

      const received = await recording.waitFor(2);
      expect(received.map((event) => [event.id, event.type])).toEqual(wanted.map((event) => [event.id, event.type]));
      await settle();
      expect(recording.values).toHaveLength(2);
    });

    it('without afterPosition, delivers only events appended after subscribing', async () => {
      const before = await claimWith(app, buyer);
      const recording = new Recording(client(integration), 'claimEvents', CLAIM_EVENTS, { claimId: before.claimId });
      // Nothing tells the client when the server has subscribed: append until the first event arrives.
      const appended: Appended[] = [];
      for (let tries = 0; recording.values.length === 0 && tries < 100; tries++) {
        appended.push(...(await steps.followUp(app, buyer, before.claimId)));
        await settle(50);
      }
      appended.push(...(await steps.followUp(app, buyer, before.claimId)));

      await until(() => recording.values.at(-1)?.id === appended.at(-1)!.id, 10_000, () => 'the last follow-up');
      const ids = appended.map((event) => event.id);
      const received = recording.values.map((event) => event.id);
      expect(received).toEqual(ids.slice(ids.indexOf(received[0])));
      expect(received).not.toContain(before.events[0].id);
    });
  });

  describe('claimEscalated', () => {
    it('delivers the escalations of the levels and platform asked for, each with the claim as it stood then', async () => {
      const after = await headPosition(app);
      const recording = new Recording(client(integration), 'claimEscalated', CLAIM_ESCALATED, {
        after,
        levels: ['CONSUMER_ASSOCIATION', 'COURT'],
        platformId: 'kameng-shop',
      });
      const everything = new Recording(client(integration), 'claimEscalated', CLAIM_ESCALATED, { after });

      const [elsewhere] = await steps.file(app, buyer, { platformId: 'youzan-card' });
      await steps.escalate(app, buyer, elsewhere.claimId, 'CONSUMER_ASSOCIATION');
      const { claimId } = await claimWith(app, otherBuyer);
      const escalate = (level: string, extra = {}) => steps.escalate(app, otherBuyer, claimId, level, extra);
      await escalate('PLATFORM_MANAGEMENT');
      const [association] = await escalate('CONSUMER_ASSOCIATION', { body: '12315', caseReference: 'SH-12315-0042' });
      await escalate('REGULATOR');
      const [court] = await escalate('COURT');

      const received = await recording.waitFor(2);
      expect(received.map((escalation) => [escalation.position, escalation.level])).toEqual([
        [association.position, 'CONSUMER_ASSOCIATION'],
        [court.position, 'COURT'],
      ]);
      expect(received[0]).toMatchObject({ claimId, reason: 'CLAIMANT_REQUEST', body: '12315', caseReference: 'SH-12315-0042' });
      expect(new Date(received[0].escalatedAt).getTime()).not.toBeNaN();
      expect(received[0].claim).toMatchObject({ id: claimId, escalationLevel: 'CONSUMER_ASSOCIATION', revision: 2 });
      expect(received[0].claim.history.map((event: { type: string }) => event.type)).toEqual([
        'ClaimFiled',
        'ClaimEscalated',
        'ClaimEscalated',
      ]);
      expect(received[1].claim).toMatchObject({ escalationLevel: 'COURT', revision: 4, platformId: 'kameng-shop' });

      const all = await everything.waitFor(5);
      expect(all.map((escalation) => escalation.claimId)).toEqual([elsewhere.claimId, ...Array(4).fill(claimId)]);
      await settle();
      expect(recording.values).toHaveLength(2);
    });

    it('narrows by platform', async () => {
      const after = await headPosition(app);
      const recording = new Recording(client(agent), 'claimEscalated', CLAIM_ESCALATED, { after, platformId: 'youzan-card' });

      await claimWith(app, buyer, (id) => steps.escalate(app, buyer, id, 'PLATFORM_MANAGEMENT'));
      const [filed] = await steps.file(app, buyer, { platformId: 'youzan-card' });
      const [escalated] = await steps.escalate(app, buyer, filed.claimId, 'REGULATOR');

      const received = await recording.waitFor(1);
      expect(received.map((escalation) => [escalation.position, escalation.claim.platformId])).toEqual([
        [escalated.position, 'youzan-card'],
      ]);
    });
  });
});

/** Long enough for a wrongly delivered event to arrive too. */
function settle(ms = 200): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
