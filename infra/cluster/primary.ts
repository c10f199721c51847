import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logger';
import { isPeerMessage } from './peers';

/** How long the primary waits before starting a worker again after one died (so a crash loop does not spin). */
const RESTART_DELAY_MS = 1_000;

/**
 * `serve --workers N`'s primary: starts N workers that share the port (node:cluster hands each new
 * connection to the next worker), passes each worker's peer messages on to the others, starts a
 * worker again when one dies, and on SIGTERM or SIGINT stops them all cleanly before exiting. It
 * opens no database itself. The first worker is started alone and the others once it listens, so
 * that only one process creates the databases' tables on a fresh data directory.
 */
export function runPrimary(count: number, logger: Logger): void {
  const workers = new Set<Worker>();
  let stopping = false;

  const start = (): Worker => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on('message', (message: unknown) => {
      if (!isPeerMessage(message)) return;
      for (const other of workers) if (other !== worker && other.isConnected()) other.send(message);
    });
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) {
        if (workers.size === 0) process.exit(0);
        return;
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'a worker exited; starting another');
      setTimeout(() => !stopping && workers.size < count && start(), RESTART_DELAY_MS);
    });
    // Once one worker listens, the tables exist: the others may start.
    worker.once('listening', () => {
      while (!stopping && workers.size < count) start();
    });
    return worker;
  };

  start();
  logger.info({ workers: count }, 'recourse is starting its workers');

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the workers');
    if (workers.size === 0) process.exit(0);
    for (const worker of workers) worker.process.kill('SIGTERM');
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
