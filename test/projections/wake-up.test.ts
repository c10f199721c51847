import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections } from '../../projections';
import type { EventStore } from '../../services/event-store';
import { upcastingEventStore } from '../../services/upcasting/upcasting-event-store';
import { dumpReadModels, tempDirs } from '../support/projection-db';
import { MemoryEventStore } from '../support/projection-memory-store';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels } from '../support/read-model-backend';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** Longer than any test here waits: a runner that projects in time was woken, not polled. */
const NO_POLL_MS = 60_000;

/** `store` with subscriptions refused: whatever wakes a runner over it, it is not a subscription. */
function withoutSubscriptions(store: EventStore): EventStore {
  const refuse = () => {
    throw new Error('this test allows no subscription');
  };
  return Object.create(store, { subscribeToAll: { value: refuse } }) as EventStore;
}

describe('what wakes a started projection runner', () => {
  const closing: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of closing.splice(0).reverse()) await item.close();
  });

  async function started(store: EventStore): Promise<{ runner: ProjectionRunner; orm: MikroORM }> {
    const orm = await openTestReadModels(dirs.make(), 'woken');
    closing.push(orm);
    const runner = new ProjectionRunner({ store, orm, projections: allProjections, pollIntervalMs: NO_POLL_MS });
    runner.start();
    closing.push({ close: () => runner.stop() });
    return { runner, orm };
  }

  it("the SQLite store's doorbell, without any subscription, at each append of this process", async () => {
    const sqlite = openSqliteEventStore({ path: join(dirs.make(), 'events.db'), pollIntervalMs: NO_POLL_MS });
    closing.push(sqlite);
    const store = withoutSubscriptions(upcastingEventStore(sqlite));
    const { runner, orm } = await started(store);

    for (const step of scenarioSteps(3, { seed: 21 })) {
      const { position } = await store.appendToStream(step.streamId, step.events);
      expect(await runner.waitForPosition(position, 2_000)).toBe(true);
    }
    expect((await dumpReadModels(orm)).claim_summary).toHaveLength(3);
  });

  it("the doorbell's poll of the head, for events another process appended", async () => {
    const path = join(dirs.make(), 'events.db');
    const sqlite = openSqliteEventStore({ path, pollIntervalMs: 20 });
    const otherProcess = openSqliteEventStore({ path, pollIntervalMs: NO_POLL_MS });
    closing.push(sqlite, otherProcess);
    const { runner } = await started(withoutSubscriptions(sqlite));

    await appendSteps(otherProcess, scenarioSteps(2, { seed: 22 }));

    expect(await runner.waitForPosition(await otherProcess.headPosition(), 2_000)).toBe(true);
  });

  it('a subscription, when the store has no doorbell', async () => {
    const store: EventStore = new MemoryEventStore();
    expect(store.onAppended).toBeUndefined();
    const { runner } = await started(store);

    await appendSteps(store, scenarioSteps(2, { seed: 23 }));

    expect(await runner.waitForPosition(await store.headPosition(), 2_000)).toBe(true);
  });
});
