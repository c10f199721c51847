import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { NO_STREAM, WrongExpectedVersionError } from '../../services/event-store';
import { anEvent, idsOf, newStreamName, someEvents } from './event-store/helpers';

const dir = mkdtempSync(join(tmpdir(), 'recourse-group-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newStore(busyTimeoutMs?: number) {
  const path = join(dir, `${randomUUID()}.sqlite`);
  return { path, store: openSqliteEventStore({ path, busyTimeoutMs }) };
}

describe('group commit in the SQLite event store', () => {
  it('commits the appends made in one turn in one transaction, each acknowledged with its own position', async () => {
    const { store } = newStore();
    try {
      const streams = Array.from({ length: 50 }, () => newStreamName());
      const results = await Promise.all(streams.map((stream) => store.appendToStream(stream, someEvents(2))));

      expect(store.commitStats()).toEqual({ commits: 1, appends: 50 });
      const positions = results.map((result) => result.position);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(positions).size).toBe(50);
      for (const [n, stream] of streams.entries()) {
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0n, 1n]);
        expect(read[1].position).toBe(positions[n]);
      }
    } finally {
      await store.close();
    }
  });

  it('refuses only the conflicting append of a group; the others land, later ones seeing earlier ones', async () => {
    const { store } = newStore();
    try {
      const [shared, other] = [newStreamName(), newStreamName()];
      const first = anEvent();
      const conflicting = anEvent();
      const following = anEvent();
      const outcomes = await Promise.allSettled([
        store.appendToStream(shared, [first], { expectedRevision: NO_STREAM }),
        store.appendToStream(other, [conflicting], { expectedRevision: 5n }),
        store.appendToStream(shared, [following], { expectedRevision: 0n }),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const refusal = (outcomes[1] as PromiseRejectedResult).reason as WrongExpectedVersionError;
      expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
      expect(refusal.actual).toBe(NO_STREAM);
      expect(idsOf(await store.readStream(shared))).toEqual([first.id, following.id]);
      expect(await store.readStream(other)).toEqual([]);
      expect(store.commitStats().commits).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('undoes an append that fails halfway (a duplicate event id) without touching the rest of its group', async () => {
    const { store } = newStore();
    try {
      const taken = anEvent();
      await store.appendToStream(newStreamName(), [taken]);
      const [broken, fine] = [newStreamName(), newStreamName()];
      const outcomes = await Promise.allSettled([
        store.appendToStream(broken, [anEvent(), { ...anEvent(), id: taken.id }]),
        store.appendToStream(fine, someEvents(1)),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
      expect(await store.readStream(broken)).toEqual([]);
      expect(await store.readStream(fine)).toHaveLength(1);
      // The refused append left no revision behind: the stream is still new.
      await expect(store.appendToStream(broken, someEvents(1), { expectedRevision: NO_STREAM })).resolves.toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('acknowledges none of a group whose transaction cannot commit, and stores none of it', async () => {
    const { path, store } = newStore(50);
    const blocker = new Database(path);
    try {
      blocker.exec('BEGIN IMMEDIATE'); // another process holds the write lock past the busy timeout
      const streams = [newStreamName(), newStreamName()];
      const outcomes = await Promise.allSettled(streams.map((stream) => store.appendToStream(stream, someEvents(1))));
      blocker.exec('ROLLBACK');

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/busy|locked/i);
      for (const stream of streams) expect(await store.readStream(stream)).toEqual([]);
      expect(store.commitStats().commits).toBe(0);
    } finally {
      blocker.close();
      await store.close();
    }
  });

  it('commits the appends already made when the store is closed in the same turn', async () => {
    const { path, store } = newStore();
    const stream = newStreamName();
    const append = store.appendToStream(stream, someEvents(3));
    await store.close();
    await expect(append).resolves.toMatchObject({ nextExpectedRevision: 2n });

    const reopened = openSqliteEventStore({ path });
    try {
      expect(await reopened.readStream(stream)).toHaveLength(3);
    } finally {
      await reopened.close();
    }
  });
});
