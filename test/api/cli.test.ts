import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLI, RecourseProcess } from '../support/processes';
import { readModelEnv } from '../support/read-model-backend';

const run = promisify(execFile);

/** The environment of a CLI process: the data directory, and the read-model database of the test run. */
let backendEnv: Record<string, string> = {};

function cli(args: string[], dataDir: string) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, ...backendEnv, DATA_DIR: dataDir, LOG_LEVEL: 'info' } });
}

describe('the recourse command line', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'recourse-cli-')), 'never-started');
    backendEnv = await readModelEnv(dataDir);
  });
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('lists its commands with --help', async () => {
    const { stdout } = await cli(['--help'], dataDir);
    expect(stdout).toMatch(/serve/);
    expect(stdout).toMatch(/token/);
    const token = await cli(['token', 'create', '--help'], dataDir);
    expect(token.stdout).toMatch(/--role <role>/);
    expect(token.stdout).toMatch(/--subject <id>/);
  });

  it('creates a token before the first start, printing the token and nothing else on stdout', async () => {
    const { stdout, stderr } = await cli(['token', 'create', '--role', 'agent', '--subject', 'agent-王'], dataDir);
    expect(stdout).toMatch(/^rct_[A-Za-z0-9_-]{43}\n$/);
    expect(stderr).toMatch(/token created/);
    expect(stderr).not.toContain(stdout.trim());
  });

  it('refuses an unknown role with a message naming the choices', async () => {
    await expect(cli(['token', 'create', '--role', 'admin', '--subject', 'x'], dataDir)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/claimant, agent, supervisor, auditor, integration/),
    });
  });

  it('serves, accepts a token created while it runs at once, and stops cleanly on SIGTERM', async () => {
    const server = RecourseProcess.start(['serve'], { ...backendEnv, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const serving = await server.untilMessage('recourse is serving');
    expect(serving).toMatchObject({ level: 'info', service: 'recourse' });

    const token = (await cli(['token', 'create', '--role', 'auditor', '--subject', 'auditor-1'], dataDir)).stdout.trim();
    const answer = await fetch(serving.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ claims { totalCount } }' }),
    });
    expect(await answer.json()).toEqual({ data: { claims: { totalCount: 0 } } });

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.messages()).toEqual(expect.arrayContaining(['shutting down', 'stopped cleanly']));
    // A clean close checkpoints SQLite's write-ahead log and removes it.
    expect(existsSync(path.join(dataDir, 'events.sqlite-wal'))).toBe(false);
  });
});
