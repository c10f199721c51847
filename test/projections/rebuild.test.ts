import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { rebuildProjections, type RebuildOptions, type RebuildProgress } from '../../infra/projections/rebuild';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections, findClaimSummariesByIds, findEvidenceByClaimIds } from '../../projections';
import type { EventStore } from '../../services/event-store';
import { claimIdOf } from '../support/projection-fixtures';
import { dumpCheckpoints, dumpReadModels, tempDirs } from '../support/projection-db';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels, readModelBackend } from '../support/read-model-backend';

const dirs = tempDirs('recourse-rebuild-');
afterAll(() => dirs.cleanup());

/** Every table of the read-model database whose name marks it as a rebuild's. */
async function rebuildTables(orm: MikroORM): Promise<string[]> {
  const sql =
    readModelBackend === 'sqlite'
      ? "select name from sqlite_master where type = 'table' order by name"
      : 'select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name';
  const rows: Array<{ name: string }> = await orm.em.fork().getConnection().execute(sql);
  return rows.map(({ name }) => name).filter((name) => name.includes('__'));
}

describe(`rebuilding read models without downtime (${readModelBackend})`, () => {
  let dir: string;
  let store: EventStore;
  const orms: MikroORM[] = [];
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    dir = dirs.make();
    store = openSqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await Promise.all(orms.splice(0).map((orm) => orm.close()));
    await store.close();
  });

  /** A connection to the read models called `name` (as another process would open one). */
  async function connect(name = 'read'): Promise<MikroORM> {
    const orm = await openTestReadModels(dir, name);
    orms.push(orm);
    return orm;
  }

  /** The live runner, following the store until the test ends. */
  function liveRunner(orm: MikroORM): ProjectionRunner {
    const runner = new ProjectionRunner({ store, orm, projections: allProjections, batchSize: 50, pollIntervalMs: 20, waitPollIntervalMs: 5 });
    runners.push(runner);
    return runner;
  }

  /**
   * The connection a rebuild in this process uses beside the live runner's. SQLite connections of
   * one process cannot wait for each other's write lock (better-sqlite3 waits synchronously, so the
   * holder never gets to commit): there they share the projector's connection, whose pool takes
   * one transaction at a time. A rebuild in its own process is rebuild-cli.test.ts's.
   */
  async function rebuildConnection(liveOrm: MikroORM): Promise<MikroORM> {
    return readModelBackend === 'sqlite' ? liveOrm : connect();
  }

  function rebuild(orm: MikroORM, options: Partial<RebuildOptions> = {}) {
    return rebuildProjections({ store, orm, projections: allProjections, batchSize: 25, ...options });
  }

  /** The read models a clean replay of the whole store gives. */
  async function cleanReplay(): Promise<Record<string, unknown[]>> {
    const fresh = await connect(`fresh-${Date.now()}`);
    await new ProjectionRunner({ store, orm: fresh, projections: allProjections, batchSize: 500 }).catchUp();
    return dumpReadModels(fresh);
  }

  it('replaces a damaged read model with one equal to a clean replay, leaving no rebuild table or checkpoint behind', async () => {
    await appendSteps(store, scenarioSteps(30, { seed: 21 }));
    const orm = await connect();
    await liveRunner(orm).catchUp();
    await orm.em.fork().getConnection().execute("update claim_summary set product = '已被篡改的商品名', status = 'CLOSED'");
    await orm.em.fork().getConnection().execute('delete from claim_evidence where revision % 2 = 0');

    const result = await rebuild(orm);

    const head = await store.headPosition();
    expect(result).toMatchObject({ outcome: 'switched', startedAt: 0n, position: head });
    expect(await dumpReadModels(orm)).toEqual(await cleanReplay());
    const checkpoints = (await dumpCheckpoints(orm)) as Array<{ name: string; position: number | string }>;
    const names = allProjections.map(({ name }) => name).sort();
    expect(checkpoints.map(({ name, position }) => [name, BigInt(position)])).toEqual(names.map((name) => [name, head]));
    expect(await rebuildTables(orm)).toEqual([]);
  });

  it('keeps answering queries with the right rows while it rebuilds, and the live runner keeps projecting appends', async () => {
    const before = scenarioSteps(40, { seed: 5 });
    await appendSteps(store, before);
    const liveOrm = await connect();
    const live = liveRunner(liveOrm);
    await live.catchUp();
    live.start();
    const queryOrm = await connect();
    const ids = Array.from({ length: 40 }, (_, n) => claimIdOf(n));
    const answer = async () => {
      const em = queryOrm.em.fork();
      return { claims: sortById(await findClaimSummariesByIds(em, ids)), evidence: await findEvidenceByClaimIds(em, ids) };
    };
    const expected = await answer();
    expect(expected.claims).toHaveLength(40);

    // Queries run on their own connection all along, and once more between every two batches.
    const phases: string[] = [];
    let current = 'loading';
    let done = false;
    const query = async () => {
      expect(await answer()).toEqual(expected);
      phases.push(current);
    };
    const queries = (async () => {
      while (!done) {
        await query();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let appended: Promise<void> | null = null;
    const onProgress = async ({ phase, position }: RebuildProgress) => {
      current = phase;
      // New claims, filed while the rebuild is halfway: the live runner projects them meanwhile.
      if (appended === null && position > 100n) appended = appendSteps(store, scenarioSteps(8, { namespace: 1, seed: 6 }));
      await query();
    };
    const result = await rebuild(await rebuildConnection(liveOrm), { batchSize: 10, onProgress });
    await appended;
    done = true;
    await queries;

    expect(result.outcome).toBe('switched');
    expect(phases.filter((phase) => phase === 'loading').length).toBeGreaterThan(20);
    expect(phases).toContain('switched');
    expect(await answer()).toEqual(expected);
    expect(await live.waitForPosition(await store.headPosition(), 5_000)).toBe(true);
    expect(live.failed).toBeNull();
    const rows = await dumpReadModels(liveOrm);
    expect(rows.claim_summary).toHaveLength(48);
    expect(rows).toEqual(await cleanReplay());
  });

  it('applies in the switch the events the live runner projected after the rebuild\'s last batch', async () => {
    const steps = scenarioSteps(24, { seed: 31 });
    const cut = Math.floor(steps.length * 0.7);
    await appendSteps(store, steps.slice(0, cut));
    const liveOrm = await connect();
    const live = liveRunner(liveOrm);
    live.start();

    const onProgress = async ({ phase }: RebuildProgress) => {
      if (phase !== 'indexing') return;
      // Loading is over; these events reach the new tables only through the switch.
      await appendSteps(store, steps.slice(cut));
      expect(await live.waitForPosition(await store.headPosition(), 5_000)).toBe(true);
    };
    const result = await rebuild(await rebuildConnection(liveOrm), { onProgress });

    const head = await store.headPosition();
    expect(result).toMatchObject({ outcome: 'switched', position: head });
    expect(await live.waitForPosition(head, 5_000)).toBe(true);
    expect(await dumpReadModels(liveOrm)).toEqual(await cleanReplay());
  });

  it('resumes an interrupted rebuild from its checkpoint, the live tables untouched meanwhile', async () => {
    await appendSteps(store, scenarioSteps(30, { seed: 41 }));
    const orm = await connect();
    await liveRunner(orm).catchUp();
    const live = await dumpReadModels(orm);

    let batches = 0;
    const interrupted = await rebuild(orm, { onProgress: () => void (batches += 1), shouldStop: () => batches > 3 });
    expect(interrupted.outcome).toBe('interrupted');
    expect(interrupted.position).toBeGreaterThan(0n);
    expect(await dumpReadModels(orm)).toEqual(live);
    const tables = allProjections.map(({ entity }) => `${entity.meta.tableName}__rebuild`).sort();
    expect(await rebuildTables(orm)).toEqual(tables);

    const resumed = await rebuild(orm);
    expect(resumed).toMatchObject({ outcome: 'switched', startedAt: interrupted.position });
    expect(await dumpReadModels(orm)).toEqual(await cleanReplay());
    expect(await rebuildTables(orm)).toEqual([]);
  });

  it('restarts from the start when an interrupted rebuild\'s table is gone or its projection version changed', async () => {
    await appendSteps(store, scenarioSteps(20, { seed: 51 }));
    const orm = await connect();
    await liveRunner(orm).catchUp();
    let batches = 0;
    await rebuild(orm, { onProgress: () => void (batches += 1), shouldStop: () => batches > 2 });
    await orm.em.fork().getConnection().execute('drop table claim_summary__rebuild');
    const bumped = allProjections.map((projection) =>
      projection.name === 'claim-evidence' ? { ...projection, version: projection.version + 1 } : projection,
    );

    const restarted = await rebuild(orm, { projections: bumped });

    expect(restarted).toMatchObject({ outcome: 'switched', startedAt: 0n });
    expect(await dumpReadModels(orm)).toEqual(await cleanReplay());
    expect(await dumpCheckpoints(orm)).toContainEqual(expect.objectContaining({ name: 'claim-evidence', version: 2 }));
  });
});

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.id.localeCompare(b.id));
}
