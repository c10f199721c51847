import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStoreOptions } from '../../infra/event-store/sqlite-event-store';
import { describeEventStoreContract } from './event-store.contract';
import { anEvent, idsOf, newStreamName, someEvents, SubscriptionReader } from './event-store/helpers';

const dir = mkdtempSync(join(tmpdir(), 'recourse-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contractPath = join(dir, 'contract.sqlite');
describeEventStoreContract('sqlite', async () => openSqliteEventStore({ path: contractPath }));

describe('the SQLite event store', () => {
  /** A store on a file of its own, closed after the test. */
  async function withStore<T>(
    run: (store: ReturnType<typeof openSqliteEventStore>, path: string) => Promise<T>,
    options: Partial<SqliteEventStoreOptions> = {},
  ): Promise<T> {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const store = openSqliteEventStore({ ...options, path });
    try {
      return await run(store, path);
    } finally {
      await store.close();
    }
  }

  it('answers each append of a group with its own events as recorded, and a conflict in the group with its error alone', async () => {
    await withStore(async (store) => {
      const [a, b] = [newStreamName(), newStreamName()];
      const appends = [
        store.appendToStream(a, someEvents(2)),
        store.appendToStream(b, someEvents(1), { expectedRevision: 5n }),
        store.appendToStream(a, someEvents(1), { expectedRevision: 1n }),
      ];
      const [first, conflict, second] = await Promise.allSettled(appends);

      expect(conflict.status).toBe('rejected');
      const events = [first, second].map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.events : null));
      expect(events[0]).toEqual(await store.readStream(a, { maxCount: 2 }));
      expect(events[1]).toEqual(await store.readStream(a, { fromRevision: 2n }));
      expect(events.flat().map((event) => event?.revision)).toEqual([0n, 1n, 2n]);
    });
  });

  it('starts a new file empty, with head position 0', async () => {
    await withStore(async (store) => {
      expect(await store.headPosition()).toBe(0n);
      expect(await store.readAll()).toEqual([]);
    });
  });

  it('keeps events across closing and reopening the file', async () => {
    const stream = newStreamName();
    const events = someEvents(3);
    const path = await withStore(async (store, path) => {
      await store.appendToStream(stream, events);
      return path;
    });

    const reopened = openSqliteEventStore({ path });
    const read = await reopened.readStream(stream);
    await reopened.close();

    expect(idsOf(read)).toEqual(idsOf(events));
  });

  it('writes none of an append whose second event repeats a stored event id', async () => {
    await withStore(async (store) => {
      const stream = newStreamName();
      const [stored] = someEvents(1);
      await store.appendToStream(stream, [stored]);

      // better-sqlite3's SqliteError is not an Error of jest's realm: match its code instead.
      await expect(store.appendToStream(stream, [anEvent(), { ...anEvent(), id: stored.id }])).rejects.toMatchObject({
        code: 'SQLITE_CONSTRAINT_UNIQUE',
      });

      expect(idsOf(await store.readStream(stream))).toEqual([stored.id]);
      expect((await store.appendToStream(stream, someEvents(1), { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
    });
  });

  it('wakes a waiting subscription as soon as the same store appends, without waiting for a poll', async () => {
    await withStore(
      async (store) => {
        const subscription = store.subscribeToAll({ after: 'end' });
        const reader = new SubscriptionReader(subscription);
        const waiting = reader.next(1_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const event = anEvent();

        await store.appendToStream(newStreamName(), [event]);

        expect(await waiting).toMatchObject({ id: event.id });
      },
      { pollIntervalMs: 60_000 },
    );
  });

  it('ends a waiting subscription at once on close, however long the poll interval', async () => {
    await withStore(
      async (store) => {
        const subscription = store.subscribeToAll({ after: 'end' });
        const waiting = new SubscriptionReader(subscription).next(1_000);
        await new Promise((resolve) => setTimeout(resolve, 20));

        await subscription.close();

        expect(await waiting).toBe('done');
      },
      { pollIntervalMs: 60_000 },
    );
  });

  it('refuses a maxCount that is not a whole number', async () => {
    await withStore(async (store) => {
      await expect(store.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
      await expect(store.readStream(newStreamName(), { maxCount: 1.5 })).rejects.toThrow(RangeError);
    });
  });

  it('refuses a file written by a newer schema version', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();

    expect(() => openSqliteEventStore({ path })).toThrow(/schema version 99/);
  });
});
