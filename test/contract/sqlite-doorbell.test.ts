import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { upcastingEventStore } from '../../services/upcasting/upcasting-event-store';
import { newStreamName, someEvents } from './event-store/helpers';

const dir = mkdtempSync(join(tmpdir(), 'recourse-sqlite-doorbell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: SqliteEventStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function open(path: string, pollIntervalMs: number): SqliteEventStore {
  const store = openSqliteEventStore({ path, pollIntervalMs });
  stores.push(store);
  return store;
}

/** Counts the doorbell's rings of `store`; `stop` stops listening. */
function bell(store: Pick<SqliteEventStore, 'onAppended'>) {
  const rung = { count: 0, stop: () => undefined as unknown };
  rung.stop = store.onAppended(() => (rung.count += 1));
  return rung;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 2 s, for a busy machine) until `rung` has rung at least once. */
async function firstRing(rung: { count: number }): Promise<void> {
  for (const deadline = Date.now() + 2_000; rung.count === 0 && Date.now() < deadline; ) await sleep(5);
}

describe("the SQLite event store's doorbell (onAppended)", () => {
  it('rings once an append through the same store has committed, and not while nothing is appended', async () => {
    const store = open(join(dir, `${randomUUID()}.sqlite`), 10);
    const rung = bell(store);
    await sleep(60);
    expect(rung.count).toBe(0);

    const appending = store.appendToStream(newStreamName(), someEvents(2));
    expect(rung.count).toBe(0); // not before the commit
    await appending;
    expect(rung.count).toBe(1);
    await sleep(60);
    expect(rung.count).toBe(1); // the poll does not ring again for the same events
  });

  it("rings for another process's append within its poll interval, and at once when told of it", async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const listening = open(path, 20);
    const elsewhere = open(path, 60_000);
    const rung = bell(listening);

    await elsewhere.appendToStream(newStreamName(), someEvents(1));
    expect(rung.count).toBe(0);
    await firstRing(rung);
    await sleep(60);
    expect(rung.count).toBe(1);

    listening.appendedElsewhere();
    expect(rung.count).toBe(2);
  });

  it('stops ringing a listener that stopped, and passes through the upcasting store', async () => {
    const store = open(join(dir, `${randomUUID()}.sqlite`), 10);
    const upcasting = upcastingEventStore(store);
    const kept = { count: 0 };
    const stopKept = upcasting.onAppended!(() => (kept.count += 1));
    const stopped = bell(store);
    stopped.stop();

    await store.appendToStream(newStreamName(), someEvents(1));

    expect(kept.count).toBe(1);
    expect(stopped.count).toBe(0);
    stopKept();
  });
});
