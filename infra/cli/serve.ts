import cluster from 'node:cluster';
import type { Config } from '../config';
import { createLogger, type Logger } from '../logger';
import { ipcPeers } from '../cluster/peers';
import { runPrimary } from '../cluster/primary';
import { startProjector, startRecourse, type RunningRecourse } from '../main';

/**
 * Serves the API until SIGTERM or SIGINT, then finishes in-flight requests and closes the databases.
 * With `workers` > 1 this process becomes the primary of a cluster and each worker serves (README,
 * "Running in production"); the projector lease lets exactly one of them project at a time.
 */
export async function serve(config: Config): Promise<void> {
  const root = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config.workers, root);
  // A worker's every line says which worker wrote it.
  const logger = cluster.isWorker ? root.child({ pid: process.pid }) : root;
  const peers = cluster.isWorker ? ipcPeers() : undefined;
  const app = await startRecourse(config, logger, {}, peers);
  logger.info({ url: app.url, dataDir: config.dataDir, projections: config.runProjections }, 'recourse is serving');
  stopOnSignals(app, logger);
}

/** Projects until SIGTERM or SIGINT, then finishes the batch in progress and gives up the lease. */
export async function project(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const app = await startProjector(config, logger);
  logger.info({ health: app.url, dataDir: config.dataDir }, 'recourse projector is running');
  stopOnSignals(app, logger);
}

function stopOnSignals(app: RunningRecourse, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => {
        logger.info('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
