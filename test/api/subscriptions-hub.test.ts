import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { createLogger } from '../../infra/logger';
import { EventHub, type EventHubOptions } from '../../infra/subscriptions/event-hub';
import { ResumableSubscriptionError } from '../../infra/subscriptions/subscription-errors';
import type { EventStore, RecordedEvent } from '../../services/event-store';
import { until } from '../support/ws';
import { breakAfterOne, delegating, gated, take } from '../support/ws-hub';

interface Heard {
  position: bigint;
  streamId: string;
}

/**
 * The event hub behind the GraphQL subscriptions, on a real SQLite event store, where its limits
 * can be made small: one store subscription for every subscriber, bounded queues, the switch from
 * catch-up to live, an interrupted feed.
 */
describe('the event hub', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'recourse-hub-'));
  let store: EventStore;
  let hub: EventHub<Heard>;
  let prepared: number;

  beforeEach(() => {
    store = openSqliteEventStore({ path: path.join(dir, `${randomUUID()}.sqlite`), pollIntervalMs: 20 });
    prepared = 0;
  });
  afterEach(async () => {
    await hub.close();
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function startHub(options: Partial<EventHubOptions<Heard>> = {}, on: EventStore = store): Promise<void> {
    hub = new EventHub<Heard>({
      store: on,
      streamPrefixes: ['claim-'],
      prepare: async (event: RecordedEvent) => {
        prepared++;
        return { position: event.position, streamId: event.streamId };
      },
      logger: createLogger('silent'),
      ...options,
    });
    await hub.start();
  }

  /** Appends one event to each stream named, in order; answers their positions. */
  async function append(...streams: string[]): Promise<bigint[]> {
    const positions: bigint[] = [];
    for (const stream of streams) {
      const event = { id: randomUUID(), type: 'ClaimantFollowedUp', data: {}, metadata: {} };
      positions.push((await store.appendToStream(stream, [event])).position);
    }
    return positions;
  }

  const claims = (count: number) => Array.from({ length: count }, () => `claim-${randomUUID()}`);

  it('prepares each live event once however many subscribers hear it, and feeds only claim streams', async () => {
    await startHub();
    const subscribers = Array.from({ length: 50 }, () => hub.subscribe({ afterPosition: null, matches: () => true }));

    const positions = await append(...claims(10), 'token-abc', 'order-xyz', ...claims(10));

    const claimPositions = positions.filter((_position, index) => index !== 10 && index !== 11);
    for (const subscriber of subscribers) expect(await take(subscriber, 20)).toEqual(claimPositions);
    expect(prepared).toBe(20);
  });

  it('ends a subscriber that falls behind with SUBSCRIPTION_OVERFLOW, without holding up the others', async () => {
    await startHub({ queueLimit: 5 });
    const slow = hub.subscribe({ afterPosition: null, matches: () => true });
    const fast = hub.subscribe({ afterPosition: null, matches: () => true });
    const [taken] = await append(...claims(1));
    expect((await slow.next()).value?.position).toBe(taken);

    const fastTaking = take(fast, 20);
    const positions = [taken];
    for (const stream of claims(19)) {
      positions.push(...(await append(stream)));
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(await fastTaking).toEqual(positions);
    const failure = await slow.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResumableSubscriptionError);
    expect(failure).toMatchObject({ code: 'SUBSCRIPTION_OVERFLOW', resumeAfterPosition: taken });
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    expect(hub.subscriberCount).toBe(1);

    const resumed = hub.subscribe({ afterPosition: taken, matches: () => true });
    expect(await take(resumed, 19)).toEqual(positions.slice(1));
  });

  it('switches from catch-up to live exactly once while events keep being appended', async () => {
    await startHub({ batchSize: 3 });
    const earlier = await append(...claims(20));
    const wanted = (position: bigint) => position % 3n !== 0n;
    const subscriber = hub.subscribe({ afterPosition: earlier[4], matches: (heard) => wanted(heard.position) });
    const heard: bigint[] = [];
    // Reads while the producer appends: catch-up in batches of 3, the gap, then live.
    const reading = (async () => {
      for await (const event of subscriber) heard.push(event.position);
    })();

    const later: bigint[] = [];
    for (const stream of claims(150)) {
      const [position] = await append(stream, 'token-between');
      later.push(position);
      if (later.length % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }

    const expected = [...earlier.slice(5), ...later].filter(wanted);
    await until(() => heard.length >= expected.length, 5000, () => `${heard.length} of ${expected.length} events`);
    expect(hub.subscriberCount).toBe(1);
    await subscriber.return!();
    await reading;
    expect(heard).toEqual(expected);
  });

  it('skips live events it already read while catching up (the hub behind the store)', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    await startHub({}, delegating(store, { subscribeToAll: (options) => gated(store.subscribeToAll(options), gate) }));
    const read = await append(...claims(5));
    const subscriber = hub.subscribe({ afterPosition: 0n, matches: () => true });

    expect(await take(subscriber, 5)).toEqual(read);
    open();
    const [live] = await append(...claims(1));

    expect(await take(subscriber, 1)).toEqual([live]);
  });

  it('reads what was appended between its catch-up and joining the hub (the hub ahead of it)', async () => {
    let meanwhile: bigint[] = [];
    let appendOnce: (() => Promise<void>) | null = async () => {
      appendOnce = null;
      meanwhile = await append(...claims(3));
      await take(probe, 3); // the hub has offered them: it is ahead of the catch-up
    };
    const readAll: EventStore['readAll'] = async (options) => {
      const events = await store.readAll(options);
      await appendOnce?.();
      return events;
    };
    await startHub({}, delegating(store, { readAll }));
    const probe = hub.subscribe({ afterPosition: null, matches: () => true });
    const read = await append(...claims(2));
    const subscriber = hub.subscribe({ afterPosition: 0n, matches: () => true });

    expect(await take(subscriber, 5)).toEqual([...read, ...meanwhile]);
    const [live] = await append(...claims(1));
    expect(await take(subscriber, 1)).toEqual([live]);
  });

  it('ends a subscriber waiting for live events when the client leaves', async () => {
    await startHub();
    const subscriber = hub.subscribe({ afterPosition: null, matches: () => true });
    const waiting = subscriber.next();

    await subscriber.return!();

    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(hub.subscriberCount).toBe(0);
  });

  it('ends subscribers with SUBSCRIPTION_INTERRUPTED when the feed breaks, and follows the store again', async () => {
    let broken = false;
    const breaking = delegating(store, {
      subscribeToAll: (options) => {
        const subscription = store.subscribeToAll(options);
        return broken ? subscription : breakAfterOne(subscription, () => (broken = true));
      },
    });
    await startHub({ retryMs: 10 }, breaking);
    const subscriber = hub.subscribe({ afterPosition: null, matches: () => true });
    // Already waiting when the first event arrives, so it is delivered before the feed breaks
    // (however soon after the appends the hub gets to run).
    const first = take(subscriber, 1);

    const positions = await append(...claims(3));

    expect(await first).toEqual([positions[0]]);
    const failure = await subscriber.next().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SUBSCRIPTION_INTERRUPTED', resumeAfterPosition: positions[0] });
    const resumed = hub.subscribe({ afterPosition: positions[0], matches: () => true });
    const more = await append(...claims(2));
    expect(await take(resumed, 4)).toEqual([...positions.slice(1), ...more]);
  });
});
