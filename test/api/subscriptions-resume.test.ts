import type { Client } from 'graphql-ws';
import { TestApp } from '../support/api';
import { CLAIM_EVENTS, headPosition, positions, steps, type Appended, type HeardEvent } from '../support/ws-claims';
import { Recording, connect } from '../support/ws';

/**
 * Resuming with afterPosition, and many subscribers at once, with the real graphql-ws client:
 * every matching event after the position, in order, none missed, none twice.
 */
describe('resuming subscriptions and fanning out', () => {
  let app: TestApp;
  let buyer: string;
  let integration: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    [buyer, integration] = await Promise.all([app.token('claimant', 'buyer-resume'), app.token('integration', 'crm-resume')]);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => app.stop(true));

  function subscribe(after: string): Recording<HeardEvent> {
    const client = connect(app, integration);
    clients.push(client);
    return new Recording<HeardEvent>(client, 'claimEvents', CLAIM_EVENTS, { after });
  }

  /** Appends `count` events over a few claims (filings, evidence, follow-ups), one after another. */
  async function append(count: number, claims: string[] = []): Promise<Appended[]> {
    const appended: Appended[] = [];
    while (appended.length < count) {
      const index = appended.length;
      if (claims.length < 3 || index % 5 === 0) {
        const filed = await steps.file(app, buyer);
        claims.push(filed[0].claimId);
        appended.push(...filed);
      } else {
        const claimId = claims[index % claims.length];
        appended.push(...(await (index % 2 ? steps.addEvidence(app, buyer, claimId) : steps.followUp(app, buyer, claimId))));
      }
    }
    return appended;
  }

  it('resumes after a disconnect with every event appended meanwhile, then live ones, none missed or repeated', async () => {
    const start = await headPosition(app);
    const claims: string[] = [];
    const first = subscribe(start);
    const beforeDisconnect = await append(6, claims);
    const heard = await first.waitFor(beforeDisconnect.length);
    await clients.pop()!.dispose();

    const meanwhile = await append(8, claims);
    const resumed = subscribe(heard.at(-1)!.position);
    const afterwards = await append(6, claims);

    const all = [...beforeDisconnect, ...meanwhile, ...afterwards];
    const resumedHeard = await resumed.waitFor(meanwhile.length + afterwards.length);
    const together = [...heard, ...resumedHeard];
    expect(together.map((event) => event.id)).toEqual(all.map((event) => event.id));
    expect(new Set(together.map((event) => event.id)).size).toBe(together.length);
  });

  it('switches from catch-up to live without a gap or a repeat while events keep being appended', async () => {
    const start = await headPosition(app);
    const claims: string[] = [];
    const earlier = await append(30, claims);
    const producing = append(40, claims);
    // Subscribers join while the producer runs: each catches up, then switches to live mid-stream.
    const recordings: Recording<HeardEvent>[] = [];
    for (let joined = 0; joined < 8; joined++) {
      recordings.push(subscribe(start), subscribe(earlier[10 + joined].position));
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const all = [...earlier, ...(await producing)];

    for (const [index, recording] of recordings.entries()) {
      const from = index % 2 === 0 ? 0 : 11 + Math.floor(index / 2);
      const expected = all.slice(from).map((event) => event.id);
      expect((await recording.waitFor(expected.length)).map((event) => event.id)).toEqual(expected);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recordings.map((recording) => recording.values.length)).toEqual(
      recordings.map((_recording, index) => (index % 2 === 0 ? all.length : all.length - 11 - Math.floor(index / 2))),
    );
  });

  it('delivers every event once, in order, to each of 200 subscribers', async () => {
    const start = await headPosition(app);
    const claims: string[] = [];
    const recordings = Array.from({ length: 200 }, () => subscribe(start));
    // Some events land while the subscribers are still connecting (catch-up), the rest live.
    const appended = await append(30, claims);

    const expected = appended.map((event) => event.id);
    await Promise.all(recordings.map((recording) => recording.waitFor(expected.length, 30_000)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const recording of recordings) {
      expect(recording.values.map((event) => event.id)).toEqual(expected);
      expect(recording.errors).toEqual([]);
    }
    expect(positions(recordings[0].values)).toEqual([...positions(appended)].sort((a, b) => a - b));
    // ~4 s alone on 2 cores; generous because a loaded machine once took over 20 s.
  }, 45_000);
});
