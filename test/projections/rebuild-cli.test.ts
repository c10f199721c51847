import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openReadModels } from '../../infra/database/read-models';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections } from '../../projections';
import type { EventStore } from '../../services/event-store';
import { dumpCheckpoints, dumpReadModels, tempDirs } from '../support/projection-db';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels, readModelBackend, readModelEnv, removeReadModels } from '../support/read-model-backend';

const ROOT = join(__dirname, '..', '..');
/** The CLI from the TypeScript sources (no build needed), as `recourse …` runs it. */
const CLI = ['-r', join(ROOT, 'test', 'support', 'sqlite-ts-register.js'), join(ROOT, 'infra', 'cli', 'main.ts')];
const dirs = tempDirs('recourse-rebuild-cli-');
afterAll(() => dirs.cleanup());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe(`recourse projections rebuild and status, in their own process (${readModelBackend})`, () => {
  let dataDir: string;
  let env: Record<string, string>;
  let store: EventStore;
  let orm: MikroORM;

  beforeEach(async () => {
    dataDir = dirs.make();
    env = { ...(await readModelEnv(dataDir)), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite'), pollIntervalMs: 20 });
    // The read models the CLI opens: the SQLite file in DATA_DIR, or the test's PostgreSQL database.
    orm = await openReadModels(env.DATABASE_URL ? { kind: 'postgresql', url: env.DATABASE_URL } : { path: join(dataDir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    await orm.close();
    await store.close();
    await removeReadModels(dataDir);
  });

  function cli(args: string[], whileRunning?: (child: ReturnType<typeof spawn>) => Promise<void>): Promise<Run> {
    const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, ...env } });
    const run: Run = { code: null, stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    const exited = once(child, 'exit');
    return (async () => {
      await whileRunning?.(child);
      [run.code] = (await exited) as [number | null];
      return run;
    })();
  }

  async function cleanReplay(): Promise<Record<string, unknown[]>> {
    const fresh = await openTestReadModels(dirs.make(), 'fresh');
    try {
      await new ProjectionRunner({ store, orm: fresh, projections: allProjections }).catchUp();
      return await dumpReadModels(fresh);
    } finally {
      await fresh.close();
    }
  }

  it('rebuilds while this process projects new events, then reports the read models caught up', async () => {
    await appendSteps(store, scenarioSteps(40, { seed: 81 }));
    const live = new ProjectionRunner({ store, orm, projections: allProjections, pollIntervalMs: 20 });
    live.start();
    try {
      const rebuilt = await cli(['projections', 'rebuild', '--batch-size', '5'], async (child) => {
        // New claims once the rebuild is loading: the live runner here projects them meanwhile.
        await until(async () => child.exitCode !== null || (await rebuildPosition(orm)) > 0n);
        await appendSteps(store, scenarioSteps(10, { namespace: 1, seed: 82 }));
      });
      expect(rebuilt).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^Rebuilt ${allProjections.map(({ name }) => name).join(', ')} up to position \\d+`)) });
      const head = await store.headPosition();
      expect(await live.waitForPosition(head, 10_000)).toBe(true);
      expect(live.failed).toBeNull();
    } finally {
      await live.stop();
    }
    expect(await dumpReadModels(orm)).toEqual(await cleanReplay());

    const status = await cli(['projections', 'status', '--json']);
    const head = String(await store.headPosition());
    expect(JSON.parse(status.stdout)).toEqual(
      allProjections.map(({ name }) => expect.objectContaining({ name, position: head, head, lag: '0', rebuild: null })),
    );
  });

  it('stops on Ctrl-C after the batch in progress, exits 130 asking for a rerun, and the rerun resumes', async () => {
    await appendSteps(store, scenarioSteps(150, { seed: 83 }));
    await new ProjectionRunner({ store, orm, projections: allProjections }).catchUp();
    const live = await dumpReadModels(orm);

    const interrupted = await cli(['projections', 'rebuild', '--batch-size', '1'], async (child) => {
      await until(async () => (await rebuildPosition(orm)) > 20n);
      child.kill('SIGINT');
    });
    expect(interrupted).toMatchObject({ code: 130, stderr: expect.stringMatching(/interrupted at position \d+.*Rerun the same command to resume/s) });
    expect(await dumpReadModels(orm)).toEqual(live);
    const stoppedAt = await rebuildPosition(orm);
    expect(stoppedAt).toBeGreaterThan(20n);

    const resumed = await cli(['projections', 'rebuild']);
    expect(resumed).toMatchObject({ code: 0, stdout: expect.stringContaining(`(resumed at position ${stoppedAt})`) });
    expect(await dumpReadModels(orm)).toEqual(await cleanReplay());
  });
});

/** Where the rebuild's checkpoint stands (0n without one). */
async function rebuildPosition(orm: MikroORM): Promise<bigint> {
  const rows = (await dumpCheckpoints(orm)) as Array<{ name: string; position: number | string }>;
  const row = rows.find(({ name }) => name === 'claim-summary__rebuild');
  return row ? BigInt(row.position) : 0n;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
