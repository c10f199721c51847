import type { MikroORM } from '@mikro-orm/core';
import { createStatementCounter } from '../../infra/database/statement-counter';
import { ProjectionRunner, ProjectionFailedError } from '../../infra/projections/runner';
import { allProjections, claimSummaryProjection, type AnyProjection } from '../../projections';
import type { EventStore } from '../../services/event-store';
import { dumpCheckpoints, dumpReadModels, tempDirs } from '../support/projection-db';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { projectionStoreKinds } from '../support/projection-stores';
import { openTestReadModels } from '../support/read-model-backend';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe.each(projectionStoreKinds)('the projection runner over %s', (_, openStore) => {
  let dir: string;
  let store: EventStore;
  const orms: MikroORM[] = [];

  beforeEach(() => {
    dir = dirs.make();
    store = openStore(dir);
  });
  afterEach(async () => {
    await Promise.all(orms.splice(0).map((orm) => orm.close()));
    await store.close();
  });

  async function readModels(name: string, options: { statementCounter?: ReturnType<typeof createStatementCounter> } = {}) {
    const orm = await openTestReadModels(dir, name, options);
    orms.push(orm);
    return orm;
  }

  function runner(orm: MikroORM, batchSize: number, projections: readonly AnyProjection[] = allProjections) {
    return new ProjectionRunner({ store, orm, projections, batchSize, pollIntervalMs: 20, waitPollIntervalMs: 5 });
  }

  it('projects incrementally, with appends between catch-ups and odd batch sizes, exactly as from zero', async () => {
    const steps = scenarioSteps(30, { seed: 7 });
    const incremental = await readModels('incremental');
    const sizes = [7, 1, 13, 3];
    for (let done = 0, round = 0; done < steps.length; round += 1) {
      const next = Math.min(steps.length, done + 5 + ((round * 11) % 17));
      await appendSteps(store, steps.slice(done, next));
      done = next;
      expect(await runner(incremental, sizes[round % sizes.length]).catchUp()).toBe(await store.headPosition());
    }
    const fresh = await readModels('fresh');
    await runner(fresh, 500).catchUp();

    const incrementalRows = await dumpReadModels(incremental);
    expect(incrementalRows.claim_summary).toHaveLength(30);
    expect(incrementalRows.claim_evidence.length).toBeGreaterThan(30);
    expect(incrementalRows).toEqual(await dumpReadModels(fresh));
  });

  it('advances its checkpoints over events no read model handles', async () => {
    await appendSteps(store, [{ streamId: 'token-1', events: [{ id: 't1', type: 'TokenIssued', data: {}, metadata: {} }] }]);
    const orm = await readModels('tokens');
    const head = await store.headPosition();
    expect(await runner(orm, 10).catchUp()).toBe(head);
    // As stored: SQLite answers a number, PostgreSQL's bigint a string; both must be the head.
    const checkpoints = (await dumpCheckpoints(orm)) as Array<{ position: number | string }>;
    const expected = allProjections.map(({ name, version }) => ({ name, version, position: head }));
    expect(checkpoints.map((row) => ({ ...row, position: BigInt(row.position) }))).toEqual(
      expected.sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    expect(await dumpReadModels(orm)).toEqual({ claim_summary: [], claim_evidence: [] });
  });

  it('applies each batch in one transaction, not one per event', async () => {
    await appendSteps(store, scenarioSteps(12, { seed: 3 }));
    const counter = createStatementCounter();
    const orm = await readModels('counted', { statementCounter: counter });
    const events = (await store.readAll({ maxCount: 10_000 })).length;
    counter.reset();
    await runner(orm, 25).catchUp();
    const begins = counter.statements.filter((sql) => /^begin/i.test(sql)).length;
    expect(begins).toBe(Math.ceil(events / 25));
    // Per batch: begin, load + upsert per projection, checkpoints, commit; plus the checkpoint read.
    expect(counter.count).toBeLessThanOrEqual(1 + begins * 7);
  });

  it('reads the store once per batch, and not again after a short one (it held everything stored)', async () => {
    await appendSteps(store, scenarioSteps(12, { seed: 4 }));
    const events = (await store.readAll({ maxCount: 10_000 })).length;
    const reads: number[] = [];
    const readAll: EventStore['readAll'] = async (options) => {
      const read = await store.readAll(options);
      reads.push(read.length);
      return read;
    };
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, { readAll });
    const orm = await readModels('reads');
    const counting = new ProjectionRunner({ store: counted, orm, projections: allProjections, batchSize: 25 });
    expect(await counting.catchUp()).toBe(await store.headPosition());
    expect(reads).toHaveLength(Math.ceil(events / 25) + (events % 25 === 0 ? 1 : 0));
    expect(reads.slice(0, -1).every((count) => count === 25)).toBe(true);
  });

  it('follows new events once started, and answers waitForPosition as soon as they are projected', async () => {
    const orm = await readModels('live');
    const live = runner(orm, 500);
    live.start();
    try {
      await appendSteps(store, scenarioSteps(3, { seed: 5 }));
      const head = await store.headPosition();
      expect(await live.waitForPosition(head, 5_000)).toBe(true);
      expect(await live.position()).toBe(head);
      expect((await dumpReadModels(orm)).claim_summary).toHaveLength(3);
    } finally {
      await live.stop();
    }
    expect(await live.waitForPosition((await store.headPosition()) + 1000n, 50)).toBe(false);
  });

  it('lets another connection wait for a position projected elsewhere, by polling the checkpoints', async () => {
    const projectorOrm = await readModels('shared');
    const readerOrm = await openTestReadModels(dir, 'shared');
    orms.push(readerOrm);
    const reader = runner(readerOrm, 500);
    await appendSteps(store, scenarioSteps(4, { seed: 9 }));
    const head = await store.headPosition();
    expect(await reader.waitForPosition(head, 30)).toBe(false);
    const waiting = reader.waitForPosition(head, 5_000);
    await runner(projectorOrm, 3).catchUp();
    expect(await waiting).toBe(true);
  });

  it('rebuilds a projection from the start when its version changes', async () => {
    await appendSteps(store, scenarioSteps(6, { seed: 11 }));
    const orm = await readModels('versioned');
    await runner(orm, 500).catchUp();
    const before = await dumpReadModels(orm);
    await orm.em.fork().getConnection().execute("update claim_summary set product = '已过时的列'");

    const bumped = allProjections.map((projection) =>
      projection.name === 'claim-summary' ? { ...projection, version: projection.version + 1 } : projection,
    );
    await runner(orm, 4, bumped).catchUp();
    expect(await dumpReadModels(orm)).toEqual(before);
    expect(await dumpCheckpoints(orm)).toContainEqual(expect.objectContaining({ name: 'claim-summary', version: claimSummaryProjection.version + 1 }));
  });

  it('retries after a failure that is not a projection\'s, such as a store that cannot be read for a moment', async () => {
    await appendSteps(store, scenarioSteps(3, { seed: 17 }));
    let failures = 1;
    const flaky: EventStore = Object.create(store, {
      readAll: {
        value: (options: Parameters<EventStore['readAll']>[0]) => {
          if (failures-- > 0) return Promise.reject(new Error('SQLITE_BUSY: database is locked'));
          return store.readAll(options);
        },
      },
    });
    const orm = await readModels('flaky');
    const warnings: object[] = [];
    const logger = { info: () => undefined, warn: (details: object) => warnings.push(details), error: () => undefined };
    const retrying = new ProjectionRunner({ store: flaky, orm, projections: allProjections, pollIntervalMs: 20, logger });
    retrying.start();
    try {
      expect(await retrying.waitForPosition(await store.headPosition(), 5_000)).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(retrying.failed).toBeNull();
    } finally {
      await retrying.stop();
    }
  });

  it('stops on an event a projection throws on, without applying that batch or moving past it', async () => {
    const steps = scenarioSteps(5, { seed: 13 });
    await appendSteps(store, steps);
    const all = await store.readAll({ maxCount: 10_000 });
    const poisoned = all[8];
    const failing = allProjections.map((projection): AnyProjection => {
      if (projection.name !== 'claim-summary') return projection;
      const evolve: AnyProjection['evolve'] = (row, event) => {
        if (event.id === poisoned.id) throw new Error('无法解析的事件');
        return projection.evolve(row, event);
      };
      return { ...projection, evolve };
    });
    const orm = await readModels('poisoned');
    const errors: object[] = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (details: object) => errors.push(details) };
    const failingRunner = new ProjectionRunner({ store, orm, projections: failing, batchSize: 4, pollIntervalMs: 20, logger });
    await expect(failingRunner.catchUp()).rejects.toThrow(ProjectionFailedError);
    expect(await failingRunner.position()).toBe(all[7].position);

    failingRunner.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(failingRunner.failed).toBeInstanceOf(ProjectionFailedError);
    expect(errors).toHaveLength(1);
    expect(await failingRunner.position()).toBe(all[7].position);
    expect(await failingRunner.waitForPosition(all[8].position, 1_000)).toBe(false);
    await failingRunner.stop();
  });
});
