import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server for tests: its own cluster in a temp folder, on a free port of
 * 127.0.0.1, trust authentication, no durability (fsync off). Started by the jest global setup;
 * the data is gone after `stop()`.
 */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>`: no database in the path; add one per test. */
  url: string;
  port: number;
  /** Removes the cluster after an immediate shutdown. */
  stop(): Promise<void>;
  /** Synchronous last resort (a process 'exit' handler): signals an immediate shutdown and does not wait. */
  stopNow(): void;
}

/** Where Debian/Ubuntu's postgresql-15 package puts the server binaries. */
export const POSTGRES_BIN_DIR = '/usr/lib/postgresql/15/bin';
/** The OS user the server runs as when the tests run as root (PostgreSQL refuses root). */
const SERVER_USER = 'postgres';
const START_TIMEOUT_MS = 30_000;

/** Creates a cluster and starts a server on it; rejects with the server's log if it does not come up. */
export async function startPostgres(binDir = POSTGRES_BIN_DIR): Promise<PostgresServer> {
  requireBinaries(binDir);
  const asUser = process.getuid?.() === 0 ? ensureServerUser() : null;
  const base = mkdtempSync(path.join(tmpdir(), 'recourse-pg-'));
  // mkdtemp makes a 0700 folder; the server user must own the cluster folder it creates inside.
  chmodSync(base, 0o755);
  if (asUser) chownSync(base, asUser.uid, asUser.gid);
  const dataDir = path.join(base, 'data');
  try {
    if (asUser) requireReachable(asUser, base);
    initCluster(binDir, dataDir, asUser);
    const port = await freePort();
    const pid = await runServer(binDir, base, dataDir, port, asUser);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}`,
      port,
      stop: () => stopServer(pid, base),
      stopNow: () => void signal(pid, 'SIGQUIT'),
    };
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
}

function requireBinaries(binDir: string): void {
  if (existsSync(path.join(binDir, 'initdb')) && existsSync(path.join(binDir, 'postgres'))) return;
  throw new Error(
    `PostgreSQL 15 server binaries are missing from ${binDir}: the PostgreSQL read-model tests start a ` +
      'throwaway server from them. Install them (Debian/Ubuntu: `apt-get install postgresql-15`), or run ' +
      'only the SQLite tests (`npx jest --selectProjects sqlite`), or point the tests at a server you run ' +
      'with RECOURSE_TEST_POSTGRES_URL=postgresql://user:password@host:port.',
  );
}

/** Every folder above the cluster must be traversable by the server user (a 0700 TMPDIR under /root is not). */
function requireReachable(asUser: OsUser, base: string): void {
  const [command, argv] = asServerUser(asUser, 'test', ['-w', base]);
  if (spawnSync(command, argv).status === 0) return;
  throw new Error(`the user "${asUser.name}" cannot reach ${base}: make its parent folders traversable, or set TMPDIR to one that is (e.g. /tmp)`);
}

interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** The server's OS user, created as a system user when missing (a fresh CI machine runs as root). */
function ensureServerUser(): OsUser {
  if (idOf('-u') === null) {
    const args = ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER];
    const made = spawnSync('useradd', args, { encoding: 'utf8' });
    if (made.status !== 0) {
      throw new Error(
        `the tests run as root, which PostgreSQL refuses, and creating the user "${SERVER_USER}" to run it failed: ` +
          `${made.stderr || made.error}. Create it yourself: useradd --system --user-group ${SERVER_USER}`,
      );
    }
  }
  return { name: SERVER_USER, uid: idOf('-u')!, gid: idOf('-g')! };
}

function idOf(flag: '-u' | '-g'): number | null {
  const result = spawnSync('id', [flag, SERVER_USER], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

/** `[command, args]` run as the server user when we are root, as ourselves otherwise. */
function asServerUser(asUser: OsUser | null, command: string, args: string[]): [string, string[]] {
  return asUser ? ['runuser', ['-u', asUser.name, '--', command, ...args]] : [command, args];
}

function initCluster(binDir: string, dataDir: string, asUser: OsUser | null): void {
  // An ICU en-US default collation, as production databases usually have: ordering that needs
  // byte order must say so (the migrations give text columns COLLATE "C"), and the tests see it.
  const args = ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8',
    '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=en-US'];
  const [command, argv] = asServerUser(asUser, path.join(binDir, 'initdb'), args);
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`initdb failed (${result.status}):\n${result.stdout}${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Settings for speed and isolation: nothing here needs to survive a crash. */
function serverSettings(base: string, port: number): string[] {
  const settings = {
    port: String(port),
    listen_addresses: '127.0.0.1',
    unix_socket_directories: base,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '300',
  };
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/**
 * Starts `postgres` in the foreground of a child process (not daemonised by pg_ctl, so a Ctrl-C
 * reaches it too); resolves the postmaster's pid once it accepts connections.
 */
async function runServer(binDir: string, base: string, dataDir: string, port: number, asUser: OsUser | null): Promise<number> {
  const [command, argv] = asServerUser(asUser, path.join(binDir, 'postgres'), ['-D', dataDir, ...serverSettings(base, port)]);
  const logPath = path.join(base, 'server.log');
  const log = openSync(logPath, 'a');
  const child = spawn(command, argv, { stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!isReady(binDir, port)) {
    if (exited !== null || Date.now() > deadline) {
      if (exited === null) child.kill('SIGKILL');
      const why = exited !== null ? `exited with ${exited}` : `did not accept connections within ${START_TIMEOUT_MS} ms`;
      throw new Error(`the test PostgreSQL server ${why}:\n${readFileSync(logPath, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function isReady(binDir: string, port: number): boolean {
  return spawnSync(path.join(binDir, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
}

/** SIGQUIT: immediate shutdown, nothing worth keeping. Waits for the postmaster to go, then deletes the cluster. */
async function stopServer(pid: number, base: string): Promise<void> {
  try {
    signal(pid, 'SIGQUIT');
    for (let waited = 0; waited < 10_000 && signal(pid, 0); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** Sends `sig` to the server; false when it is gone already (signal 0 only asks whether it lives). */
function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}
