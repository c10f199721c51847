import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import { compiledWorkerFile } from '../worker-file';
import type { CheckpointWorkerInput } from './wal-checkpoint-worker';

/** How often the WAL files are checkpointed in the background, ms. */
export const WAL_CHECKPOINT_INTERVAL_MS = 200;

/** A worker thread that checkpoints SQLite WAL files; stop it before closing the files' last connection. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Copies the write-ahead log of each SQLite file into the database from a worker thread of its
 * own, every `intervalMs` (a PASSIVE checkpoint: it never waits for, nor blocks, readers and
 * writers). Without it SQLite checkpoints inside a commit once the log passes 1,000 pages: on the
 * event loop, copying and fsyncing megabytes into a large file, which stalled every request for
 * tens to hundreds of milliseconds (BENCHMARKS.md). The commits' own automatic checkpoint stays on
 * as the safety net: with the log kept short it rarely has anything to do. Durability is untouched:
 * a commit is on disk once its WAL frames are, whoever copies them later.
 */
export function startWalCheckpointer(files: readonly string[], logger: Logger, intervalMs = WAL_CHECKPOINT_INTERVAL_MS): WalCheckpointer {
  if (files.length === 0) return { stop: async () => undefined };
  const input: CheckpointWorkerInput = { files: [...files], intervalMs };
  const worker = new Worker(compiledWorkerFile(__dirname, 'wal-checkpoint-worker.js'), { workerData: input });
  // Never what keeps a process alive: one that ends without stop() loses nothing (SQLite is crash safe).
  worker.unref();
  // Not events.once: it rejects on 'error', which is only logged here.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => logger.warn({ err: error, files }, 'background WAL checkpoints stopped; SQLite checkpoints within commits again'));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
