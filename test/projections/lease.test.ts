import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createStatementCounter } from '../../infra/database/statement-counter';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { LeaseLostError, ProjectorLease } from '../../infra/projections/lease';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections } from '../../projections';
import { loadCheckpoints, saveCheckpoints } from '../../infra/projections/checkpoint-store';
import { applyBatch, slotsOf, type BatchStep } from '../../infra/projections/apply-batch';
import { webhookOutboxStep } from '../../infra/webhooks/outbox-step';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { MemoryEventStore } from '../support/projection-memory-store';
import { dumpCheckpoints, dumpReadModels, tempDirs } from '../support/projection-db';
import { openTestReadModels } from '../support/read-model-backend';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe('the projector lease and the checkpoints, in plain SQL', () => {
  let orm: MikroORM;
  let now = 1_000_000;
  const clock = () => now;

  beforeEach(async () => {
    orm = await openTestReadModels(dirs.make(), 'lease');
  });
  afterEach(() => orm.close());

  it('renews a held lease inside a batch, which keeps a rival out past the first expiry', async () => {
    const holder = new ProjectorLease(orm, 'a', 1_000, clock);
    const rival = new ProjectorLease(orm, 'b', 1_000, clock);
    expect(await holder.tryAcquire()).toBe(true);

    now += 900;
    await orm.em.fork().transactional((em) => holder.renewWithin(em));
    now += 900;

    expect(await rival.tryAcquire()).toBe(false);
  });

  it('refuses to renew inside a batch once another holder took the lease over, and rolls the batch back', async () => {
    const holder = new ProjectorLease(orm, 'a', 1_000, clock);
    const rival = new ProjectorLease(orm, 'b', 1_000, clock);
    expect(await holder.tryAcquire()).toBe(true);
    now += 1_001;
    expect(await rival.tryAcquire()).toBe(true);

    const batch = orm.em.fork().transactional(async (em) => {
      await saveCheckpoints(em, new Map([['lost', { version: 1, position: 7n }]]));
      await holder.renewWithin(em);
    });

    await expect(batch).rejects.toBeInstanceOf(LeaseLostError);
    expect(await loadCheckpoints(orm.em.fork(), ['lost'])).toEqual(new Map());
  });

  it("rolls a runner's batch back, rows, outbox and checkpoints alike, when its lease was lost, and the next batch commits", async () => {
    const holder = new ProjectorLease(orm, 'a', 1_000, clock);
    const rival = new ProjectorLease(orm, 'b', 1_000, clock);
    const steps: BatchStep[] = [...slotsOf(orm, allProjections), webhookOutboxStep()];
    const events = new MemoryEventStore();
    await appendSteps(events, scenarioSteps(4, { seed: 31 }));
    const batch = await events.readAll({ maxCount: 1_000 });
    expect(await holder.tryAcquire()).toBe(true);
    now += 1_001;
    expect(await rival.tryAcquire()).toBe(true);
    const positions = new Map<string, bigint>();

    // The fence runs first; a step that throws after the rows were written must roll them back too.
    await expect(applyBatch(orm, steps, batch, positions, (em) => holder.renewWithin(em))).rejects.toBeInstanceOf(LeaseLostError);
    const failing: BatchStep = { ...steps[0], name: 'failing', apply: () => Promise.reject(new Error('步骤失败')) };
    await expect(applyBatch(orm, [...steps, failing], batch, positions)).rejects.toThrow('步骤失败');

    expect(positions.size).toBe(0);
    expect(await dumpCheckpoints(orm)).toEqual([]);
    expect(await dumpReadModels(orm)).toEqual({ claim_summary: [], claim_evidence: [] });
    await applyBatch(orm, steps, batch, positions, (em) => rival.renewWithin(em));
    expect((await dumpReadModels(orm)).claim_summary).toHaveLength(4);
    expect(positions.get('webhook-outbox')).toBe(batch[batch.length - 1].position);
  });

  it('saves checkpoints by name, replacing a stored one, and loads only those asked for', async () => {
    await orm.em.fork().transactional((em) =>
      saveCheckpoints(em, new Map([['one', { version: 1, position: 5n }], ['two', { version: 2, position: 9_007_199_254_740_993n }]])),
    );
    await orm.em.fork().transactional((em) => saveCheckpoints(em, new Map([['one', { version: 3, position: 6n }]])));

    const loaded = await loadCheckpoints(orm.em.fork(), ['one', 'two', 'never']);

    expect(loaded).toEqual(new Map([['one', { version: 3, position: 6n }], ['two', { version: 2, position: 9_007_199_254_740_993n }]]));
  });

  it('leaves a lease held elsewhere alone while events arrive, asking again only each poll, and stops at once', async () => {
    const dir = dirs.make();
    const counter = createStatementCounter();
    const counted = await openTestReadModels(dir, 'waiting', { statementCounter: counter });
    const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    expect(await new ProjectorLease(counted, 'elsewhere', 60_000).tryAcquire()).toBe(true);
    const runner = new ProjectionRunner({ store, orm: counted, projections: allProjections, pollIntervalMs: 5_000, lease: new ProjectorLease(counted, 'here', 60_000) });
    try {
      runner.start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      counter.reset();
      for (let n = 0; n < 20; n++) {
        await store.appendToStream(`test-${randomUUID()}`, [{ id: randomUUID(), type: 'TestEvent', data: { n }, metadata: {} }]);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(counter.count).toBe(0);
      const stopping = Date.now();
      await runner.stop();
      expect(Date.now() - stopping).toBeLessThan(1_000);
    } finally {
      await store.close();
      await counted.close();
    }
  });
});
