import { UnavailableError } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import {
  openEventStoreDbEventStore,
  type EventStoreDbEventStore,
} from '../../../infra/event-store/eventstoredb/eventstoredb-event-store';

/** Nothing listens on port 1: every request the client sends fails at once with UnavailableError. */
const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

describe('the EventStoreDB event store without a server', () => {
  let store: EventStoreDbEventStore | undefined;
  const drops: Array<{ error: unknown; attempt: number }> = [];

  function open(): EventStoreDbEventStore {
    store = openEventStoreDbEventStore({
      connectionString: UNREACHABLE,
      subscriptionRetry: { initialDelayMs: 5, maxDelayMs: 20 },
      onSubscriptionDrop: (error, attempt) => drops.push({ error, attempt }),
    });
    return store;
  }

  afterEach(async () => {
    drops.length = 0;
    await store?.close();
    store = undefined;
  });

  it('refuses a connection string that is not esdb:// or esdb+discover://', () => {
    expect(() => openEventStoreDbEventStore({ connectionString: 'postgres://localhost/recourse' })).toThrow(/esdb:\/\//);
  });

  it('refuses throwOnAppendFailure=false, which would hide conflicts', () => {
    expect(() =>
      openEventStoreDbEventStore({ connectionString: 'esdb://localhost:2113?tls=false&throwOnAppendFailure=false' }),
    ).toThrow(/throwOnAppendFailure/);
  });

  it('opens and closes without contacting the server', async () => {
    const started = Date.now();
    await open().close();

    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses an empty append with a RangeError before contacting the server', async () => {
    await expect(open().appendToStream(`test-${randomUUID()}`, [])).rejects.toThrow(RangeError);
  });

  it('refuses a maxCount that is not a whole number before contacting the server', async () => {
    const opened = open();

    await expect(opened.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
    await expect(opened.readStream(`test-${randomUUID()}`, { maxCount: 1.5 })).rejects.toThrow(RangeError);
  });

  it('reports an unreachable server as the client’s UnavailableError', async () => {
    await expect(open().readStream(`test-${randomUUID()}`)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('keeps resubscribing while the server is unreachable, with growing waits, until closed', async () => {
    const subscription = open().subscribeToAll({ filter: { streamPrefixes: ['test-'] } });
    const pending = subscription[Symbol.asyncIterator]().next();

    const deadline = Date.now() + 10_000;
    while (drops.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const closedAt = Date.now();
    await subscription.close();

    expect(await pending).toEqual({ done: true, value: undefined });
    expect(Date.now() - closedAt).toBeLessThan(1_000);
    expect(drops.slice(0, 3).map(({ attempt }) => attempt)).toEqual([1, 2, 3]);
    expect(drops[0].error).toBeInstanceOf(UnavailableError);
  });

  it('refuses reads, appends and subscriptions once closed', async () => {
    const opened = open();
    await opened.close();

    await expect(opened.readStream(`test-${randomUUID()}`)).rejects.toThrow(/closed/);
    await expect(opened.readAll()).rejects.toThrow(/closed/);
    await expect(opened.headPosition()).rejects.toThrow(/closed/);
    await expect(opened.appendToStream(`test-${randomUUID()}`, [])).rejects.toThrow(/closed/);
    expect(() => opened.subscribeToAll()).toThrow(/closed/);
  });

  it('ends its subscriptions when the store is closed', async () => {
    const opened = open();
    const pending = opened.subscribeToAll({ after: 'end' })[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 20));

    await opened.close();

    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
