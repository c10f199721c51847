import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';

/** The CLI as a user runs it: the compiled entry point in a child process (`npm test` builds first). */
const CLI = path.resolve(__dirname, '..', '..', 'dist', 'infra', 'cli', 'main.js');
const run = promisify(execFile);

function cli(args: string[], dataDir: string) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info' } });
}

describe('the recourse command line', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'recourse-cli-')), 'never-started');
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
    const server = spawn(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    const logs = jsonLines(server);
    const serving = await logs.until((line) => line.msg === 'recourse is serving');
    expect(serving).toMatchObject({ level: 'info', service: 'recourse' });

    const token = (await cli(['token', 'create', '--role', 'auditor', '--subject', 'auditor-1'], dataDir)).stdout.trim();
    const answer = await fetch(serving.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ claims { totalCount } }' }),
    });
    expect(await answer.json()).toEqual({ data: { claims: { totalCount: 0 } } });

    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs.seen.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped cleanly']));
    // A clean close checkpoints SQLite's write-ahead log and removes it.
    expect(existsSync(path.join(dataDir, 'events.sqlite-wal'))).toBe(false);
  });
});

function jsonLines(child: ChildProcessWithoutNullStreams) {
  const seen: Record<string, unknown>[] = [];
  const waiters: { test: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    seen.push(line);
    for (const waiter of waiters.filter((w) => w.test(line))) waiter.resolve(line);
  });
  return {
    seen,
    until(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
      const found = seen.find(test);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}
