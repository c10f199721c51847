import { processTree } from './process-cpu';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The servers' NODE_ENV: as deployed (the Dockerfile sets `production`, and graphql-js then skips
 * its development checks) unless the environment sets one.
 */
export const SERVER_NODE_ENV = process.env.NODE_ENV ?? 'production';

/** A Recourse server in a process of its own, as `recourse serve` runs it. */
export interface ServerProcess {
  url: string;
  /** The server's pid, for sampling its CPU time and memory. */
  pid: number;
  /** Stops it with SIGTERM (a clean shutdown: a CPU profile, when asked for, is written then). */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  dataDir: string;
  /** More settings (README's table), e.g. LOG_LEVEL. */
  env?: Record<string, string>;
  /** Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** The CLI command and its flags; default `serve`. */
  command?: string[];
}

/**
 * Starts `dist/infra/cli/main.js serve` (or another command) on a free port and resolves once /readyz answers 200.
 * Its stdout (JSON logs) is discarded; its stderr passes through.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const cli = path.join(__dirname, '..', 'infra', 'cli', 'main.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), cli, ...(options.command ?? ['serve'])], {
    env: { ...process.env, NODE_ENV: SERVER_NODE_ENV, DATA_DIR: options.dataDir, PORT: String(port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${base}/readyz`, child);
  return { url: `${base}/graphql`, pid: child.pid!, stop: () => stop(child) };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready`);
    const ready = await fetch(url).then((res) => res.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server was not ready within 120 s');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until every worker of a `serve --workers N` server runs (the primary starts them one after the first). */
export async function waitForWorkers(server: ServerProcess, workers: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (processTree(server.pid).length < workers + 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  // A worker listens a moment after it starts (it opens the databases first).
  await new Promise((resolve) => setTimeout(resolve, 3_000));
}
