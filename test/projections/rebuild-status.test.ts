import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { rebuildProjections } from '../../infra/projections/rebuild';
import { ProjectionRunner } from '../../infra/projections/runner';
import { projectionStatus } from '../../infra/projections/status';
import { statusTable, statusToJson } from '../../infra/projections/status-format';
import { allProjections, claimSummaryProjection } from '../../projections';
import type { EventStore } from '../../services/event-store';
import { tempDirs } from '../support/projection-db';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels, readModelBackend } from '../support/read-model-backend';

const dirs = tempDirs('recourse-status-');
afterAll(() => dirs.cleanup());

describe(`projections status (${readModelBackend})`, () => {
  let store: EventStore;
  let orm: MikroORM;

  beforeEach(async () => {
    const dir = dirs.make();
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
    orm = await openTestReadModels(dir, 'read');
  });
  afterEach(async () => {
    await orm.close();
    await store.close();
  });

  const status = (now?: Date) => projectionStatus({ store, orm, projections: allProjections, now: now && (() => now) });

  it('shows projections that never ran at position 0, behind the whole store', async () => {
    await appendSteps(store, scenarioSteps(3, { seed: 71 }));
    const head = await store.headPosition();
    const [summary] = await status();
    expect(summary).toMatchObject({ name: 'claim-summary', version: claimSummaryProjection.version, storedVersion: null, position: 0n, head, lag: head, rebuild: null });
    expect(statusTable(await status())).toMatch(new RegExp(`^claim-summary\\s+${claimSummaryProjection.version} \\(never run\\)\\s+0\\s+\\d+`, 'm'));
  });

  it('shows the lag in events and the age of the oldest event not yet applied', async () => {
    await appendSteps(store, scenarioSteps(4, { seed: 72 }));
    await new ProjectionRunner({ store, orm, projections: allProjections }).catchUp();
    const caughtUp = await store.headPosition();
    expect((await status()).map(({ lag, lagSeconds }) => [lag, lagSeconds])).toEqual(allProjections.map(() => [0n, 0]));

    await appendSteps(store, scenarioSteps(2, { namespace: 1, seed: 73 }));
    const [firstBehind] = await store.readAll({ after: caughtUp, maxCount: 1 });
    const statuses = await status(new Date(firstBehind.recordedAt.getTime() + 90_500));
    const head = await store.headPosition();
    expect(statuses[0]).toMatchObject({ storedVersion: claimSummaryProjection.version, position: caughtUp, head, lag: head - caughtUp, lagSeconds: 90 });
    expect(statusToJson(statuses[0])).toMatchObject({ position: String(caughtUp), head: String(head), lag: String(head - caughtUp) });
  });

  it('shows an interrupted rebuild and where it stopped, until a rebuild switches', async () => {
    await appendSteps(store, scenarioSteps(6, { seed: 74 }));
    await new ProjectionRunner({ store, orm, projections: allProjections }).catchUp();
    let batches = 0;
    const stopped = await rebuildProjections({
      store,
      orm,
      projections: allProjections,
      batchSize: 5,
      onProgress: () => void (batches += 1),
      shouldStop: () => batches > 2,
    });

    const during = await status();
    expect(during.map(({ rebuild }) => rebuild)).toEqual(allProjections.map(({ version }) => ({ version, position: stopped.position })));
    expect(statusTable(during)).toContain(`in progress at ${stopped.position}`);

    await rebuildProjections({ store, orm, projections: allProjections });
    expect((await status()).map(({ rebuild, lag }) => [rebuild, lag])).toEqual(allProjections.map(() => [null, 0n]));
  });
});
