import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '../../services/event-store';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import type { AcknowledgedBatch } from '../support/sqlite-writer-child';
import { runWriterUntilKilled } from '../support/sqlite-writer-process';

const KILLS = 20;
const KILL_AFTER_MAX_MS = 200;
const STREAMS = 3;

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'recourse-sqlite-crash-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every event in the store, in position order. */
async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events.at(-1)?.position ?? 'start', maxCount: 5_000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** Collects what a subscription in this process delivers while other processes write. */
function follow(store: EventStore): { received: RecordedEvent[]; done: Promise<void> } {
  const subscription = store.subscribeToAll();
  const received: RecordedEvent[] = [];
  const done = (async () => {
    for await (const event of subscription) received.push(event);
  })();
  return { received, done };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('the SQLite event store killed mid-append', () => {
  it(`keeps every acknowledged append, whole and once, across ${KILLS} SIGKILLs of its writer`, async () => {
    const path = join(dir, 'events.sqlite');
    const streams = Array.from({ length: STREAMS }, (_, n) => `crash-${randomUUID()}-${n}`);
    const observer = openSqliteEventStore({ path, pollIntervalMs: 20 });
    const followed = follow(observer);

    const acknowledged: AcknowledgedBatch[] = [];
    let stored: RecordedEvent[];
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        acknowledged.push(...(await runWriterUntilKilled(path, streams, KILL_AFTER_MAX_MS)));
      }
      stored = await readEverything(observer);
      await until(() => followed.received.length >= stored.length, 10_000);
    } finally {
      // Closing ends the subscription too; an open one would keep jest from exiting.
      await observer.close();
      await followed.done;
    }

    expect(acknowledged.length).toBeGreaterThan(KILLS);
    expectAcknowledgedOnce(stored, acknowledged);
    expectWholeBatches(stored, acknowledged);
    expectContiguousStreams(stored, streams);
    const positions = stored.map((event) => event.position);
    expect(positions.every((position, n) => n === 0 || position > positions[n - 1])).toBe(true);
    // A subscription in another process saw exactly what was stored, in order.
    expect(followed.received.map((event) => event.id)).toEqual(stored.map((event) => event.id));
    expectSoundFile(path);
  }, 60_000);
});

/** Every acknowledged event is stored exactly once, at the revision its append reported. */
function expectAcknowledgedOnce(stored: RecordedEvent[], acknowledged: AcknowledgedBatch[]): void {
  const byId = new Map(stored.map((event) => [event.id, event]));
  const counts = countBy(stored, (event) => event.id);
  const ackedIds = acknowledged.flatMap((batch) => batch.eventIds);
  expect(ackedIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
  const wrongRevision = acknowledged.filter(
    (batch) => byId.get(batch.eventIds.at(-1) ?? '')?.revision !== BigInt(batch.lastRevision),
  );
  expect(wrongRevision).toEqual([]);
}

/** Each append is all there or not at all; only the append in flight at a kill can be unacknowledged. */
function expectWholeBatches(stored: RecordedEvent[], acknowledged: AcknowledgedBatch[]): void {
  const sizes = countBy(stored, (event) => String(event.metadata.batchId));
  const broken = stored.filter((event) => sizes.get(String(event.metadata.batchId)) !== event.metadata.batchSize);
  expect(broken).toEqual([]);
  const ackedBatches = new Set(acknowledged.map((batch) => batch.batchId));
  const unacknowledged = [...sizes.keys()].filter((batchId) => !ackedBatches.has(batchId));
  expect(unacknowledged.length).toBeLessThanOrEqual(KILLS);
}

function expectContiguousStreams(stored: RecordedEvent[], streams: string[]): void {
  for (const stream of streams) {
    const revisions = stored.filter((event) => event.streamId === stream).map((event) => event.revision);
    expect(revisions).toEqual(revisions.map((_, n) => BigInt(n)));
  }
}

/** SQLite's own check, and the streams table agreeing with the events it summarises. */
function expectSoundFile(path: string): void {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const fromEvents = db
      .prepare('SELECT stream_id, MAX(revision) AS revision FROM events GROUP BY stream_id ORDER BY stream_id')
      .all();
    const fromStreams = db.prepare('SELECT stream_id, revision FROM streams ORDER BY stream_id').all();
    expect(fromStreams).toEqual(fromEvents);
  } finally {
    db.close();
  }
}
