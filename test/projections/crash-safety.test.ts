import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openReadModels } from '../../infra/database/read-models';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections } from '../../projections';
import { dumpCheckpoints, dumpReadModels, tempDirs } from '../support/projection-db';
import { appendSteps, scenarioSteps, seededRandom } from '../support/projection-scenarios';

const ROOT = join(__dirname, '..', '..');
const CHILD = join(ROOT, 'dist', 'projection-child', 'test', 'support', 'projection-child.js');
const dirs = tempDirs();

interface ChildRun {
  signal: NodeJS.Signals | null;
  code: number | null;
  lines: string[];
  /** Whether a transaction was open (a `begin` not yet followed by `commit`) when the kill was sent. */
  killedInTransaction: boolean;
}

/** Runs the projector child; when `killAtBegin` is given, SIGKILLs it as its nth transaction begins. */
function runChild(eventsPath: string, readPath: string, killAtBegin?: number): Promise<ChildRun> {
  const child = spawn(process.execPath, [CHILD, eventsPath, readPath, '9', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: ChildRun = { signal: null, code: null, lines: [], killedInTransaction: false };
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      run.lines.push(line);
      const begins = run.lines.filter((l) => l === 'begin').length;
      if (line === 'begin' && begins === killAtBegin && !child.killed) {
        run.killedInTransaction = true;
        child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== null && code !== 0) reject(new Error(`projector child failed: ${stderr}`));
      resolve({ ...run, code, signal });
    });
  });
}

function storedPositions(readPath: string): bigint[] {
  const db = new Database(readPath, { readonly: true });
  try {
    const rows = db.prepare('select position from projection_checkpoint order by name').all() as Array<{ position: number }>;
    return rows.map((row) => BigInt(row.position));
  } finally {
    db.close();
  }
}

beforeAll(() => {
  // The child runs as plain JavaScript, the way the projector runs in production.
  const build = spawnSync('npx', ['tsc', '-p', join('test', 'support', 'projection-child.tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(CHILD)) throw new Error(`could not compile the projector child:\n${build.stdout}${build.stderr}`);
}, 120_000);
afterAll(() => dirs.cleanup());

describe('crash safety of the projection runner', () => {
  it('leaves the same rows as a clean replay after being killed inside transactions again and again', async () => {
    const dir = dirs.make();
    const eventsPath = join(dir, 'events.db');
    const readPath = join(dir, 'read.db');
    const store = openSqliteEventStore({ path: eventsPath });
    await appendSteps(store, scenarioSteps(40, { seed: 99 }));
    const head = await store.headPosition();
    const random = seededRandom(4);

    let previous = -1n;
    for (let round = 0; round < 5; round += 1) {
      const run = await runChild(eventsPath, readPath, 2 + Math.floor(random() * 3));
      expect(run).toMatchObject({ signal: 'SIGKILL', killedInTransaction: true });
      const reached = storedPositions(readPath);
      const slowest = reached.reduce((a, b) => (a < b ? a : b), head);
      expect(slowest).toBeGreaterThan(previous);
      expect(slowest).toBeLessThan(head);
      previous = slowest;
    }
    const finish = await runChild(eventsPath, readPath);
    expect(finish.code).toBe(0);
    expect(finish.lines).toContain(`caught-up ${head}`);

    const survivor = await openReadModels({ path: readPath });
    const clean = await openReadModels({ path: join(dir, 'clean.db') });
    try {
      await new ProjectionRunner({ store, orm: clean, projections: allProjections }).catchUp();
      const rows = await dumpReadModels(survivor);
      expect(rows.claim_summary).toHaveLength(40);
      expect(rows).toEqual(await dumpReadModels(clean));
      expect(await dumpCheckpoints(survivor)).toEqual(await dumpCheckpoints(clean));
    } finally {
      await survivor.close();
      await clean.close();
      await store.close();
    }
  });
});
