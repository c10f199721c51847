import { randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { NO_STREAM, WrongExpectedVersionError, type AppendResult } from '../../services/event-store';
import { anEvent, idsOf, newStreamName, someEvents } from './event-store/helpers';

// The commit thread runs dist/infra/event-store/sqlite-commit-worker.js: `npm run build` first.
const dir = mkdtempSync(join(tmpdir(), 'recourse-commit-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newStore() {
  const path = join(dir, `${randomUUID()}.sqlite`);
  return { path, store: openSqliteEventStore({ path }) };
}

/** Lets the store hand its queued appends to the commit thread (it does so one turn after the first). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the SQLite event store committing on a thread', () => {
  it('commits the appends made while a group is in flight together in the next group, in the order they were made', async () => {
    const { store } = newStore();
    try {
      const stream = newStreamName();
      const events = someEvents(21);
      const first = store.appendToStream(stream, [events[0]], { expectedRevision: NO_STREAM });
      await nextTurn();
      // Each expects the revision the one before it writes: any other order would be refused.
      const queued = events.slice(1).map((event, n) => store.appendToStream(stream, [event], { expectedRevision: BigInt(n) }));
      expect(store.commitStats()).toEqual({ commits: 0, appends: 0 }); // the first group is still in flight

      const results = await Promise.all([first, ...queued]);

      expect(store.commitStats()).toEqual({ commits: 2, appends: 21 });
      expect(results.map((result) => result.nextExpectedRevision)).toEqual(events.map((_, n) => BigInt(n)));
      expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
    } finally {
      await store.close();
    }
  });

  it('refuses only the conflicting append of a queued group, with the conflict error and its fields', async () => {
    const { store } = newStore();
    try {
      const [stream, other] = [newStreamName(), newStreamName()];
      const first = store.appendToStream(stream, someEvents(1));
      await nextTurn();
      const outcomes = await Promise.allSettled([
        first,
        store.appendToStream(stream, someEvents(1), { expectedRevision: 0n }),
        store.appendToStream(other, someEvents(1), { expectedRevision: 5n }),
        store.appendToStream(stream, someEvents(1), { expectedRevision: 1n }),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const refusal = (outcomes[2] as PromiseRejectedResult).reason as WrongExpectedVersionError;
      expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
      expect(refusal).toMatchObject({ streamId: other, expected: 5n, actual: NO_STREAM });
      expect(await store.readStream(other)).toEqual([]);
      expect(await store.readStream(stream)).toHaveLength(3);
      expect(store.commitStats()).toEqual({ commits: 2, appends: 4 });
    } finally {
      await store.close();
    }
  });

  it('acknowledges every append in flight or queued when closed, stores them, and refuses appends made after', async () => {
    const { path, store } = newStore();
    const streams = Array.from({ length: 5 }, () => newStreamName());
    const inFlight = store.appendToStream(streams[0], someEvents(2));
    await nextTurn();
    const queued = streams.slice(1).map((stream) => store.appendToStream(stream, someEvents(2)));

    const settled: string[] = [];
    for (const append of [inFlight, ...queued]) void append.then(() => settled.push('acknowledged'), () => settled.push('rejected'));

    await Promise.all([store.close(), store.close()]);
    await Promise.resolve(); // the acknowledgements' own callbacks

    expect(settled).toEqual(streams.map(() => 'acknowledged'));
    await expect(store.appendToStream(newStreamName(), someEvents(1))).rejects.toThrow('the event store is closed');
    await store.close();
    const reopened = openSqliteEventStore({ path });
    try {
      for (const stream of streams) expect(await reopened.readStream(stream)).toHaveLength(2);
    } finally {
      await reopened.close();
    }
  });

  it('shows an acknowledged append to reads on the serving thread at once', async () => {
    const { store } = newStore();
    try {
      const stream = newStreamName();
      for (let n = 0; n < 20; n += 1) {
        const event = anEvent();
        const result: AppendResult = await store.appendToStream(stream, [event]);
        const read = await store.readStream(stream);
        expect(read.at(-1)).toMatchObject({ id: event.id, position: result.position });
        expect(await store.headPosition()).toBe(result.position);
        expect(result.events).toEqual(read.slice(-1));
      }
    } finally {
      await store.close();
    }
  });

  it('rejects the appends of a commit thread that stopped, naming it, and starts a new thread for the next append', async () => {
    const { path, store } = newStore();
    try {
      const [lost, kept] = [newStreamName(), newStreamName()];
      renameSync(path, `${path}.away`); // the thread cannot open the file: it ends with an error
      const failed = Promise.allSettled([store.appendToStream(lost, someEvents(1)), store.appendToStream(lost, someEvents(1))]);
      const outcomes = await failed;
      renameSync(`${path}.away`, path);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      const reason = (outcomes[0] as PromiseRejectedResult).reason as Error;
      expect(reason.name).toBe('CommitThreadStoppedError');
      expect(reason.message).toMatch(/commit thread stopped .*not acknowledged/);
      await expect(store.appendToStream(kept, someEvents(1))).resolves.toMatchObject({ nextExpectedRevision: 0n });
      expect(await store.readStream(lost)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
