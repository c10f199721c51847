import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { threadPeers, type ClusterPeers } from '../cluster/peers';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { compiledWorkerFile } from '../worker-file';

/** What the projector thread starts from: the settings, and the serving thread's log level. */
export interface ProjectorThreadInput {
  config: Config;
  logLevel: string;
}

/** Asks the thread to finish its batch, close its connections and end. */
export const PROJECTOR_THREAD_STOP = 'recourse:stop-projector';
/** The thread says its runner has started (its connections are open). */
export const PROJECTOR_THREAD_READY = 'recourse:projector-ready';

/** How long after an unexpected exit the thread is started again (so a crash loop does not spin). */
const RESTART_DELAY_MS = 1_000;

/**
 * The projection runner on a thread of its own (`PROJECTOR_THREAD=on`), seen from the serving
 * thread: the event loop that answers requests no longer runs the projector's batches. The two
 * threads talk as the processes of a cluster do (`cluster/peers.ts`): the serving thread's appends
 * wake the runner, and the positions it commits wake the mutations waiting to read their writes.
 * A lost or late word costs latency, never correctness: both read the stores themselves. If the
 * thread dies, it is logged and started again; the new runner takes the lease once the old one's
 * expires (`PROJECTOR_LEASE_MS`).
 */
export class ProjectorThread {
  /** The serving thread's side of the channel: pass it to `connectPeers`. */
  readonly peers: ClusterPeers;
  /**
   * Resolves once the first thread's runner has started (about half a second: it loads its own
   * modules and opens its connections), so a server that says it serves also projects.
   */
  readonly ready: Promise<void>;
  private worker: Worker;
  private stopping = false;
  private readonly listeners = new Set<(message: unknown) => void>();

  constructor(
    private readonly input: ProjectorThreadInput,
    private readonly logger: Logger,
  ) {
    this.worker = this.start();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: unknown) => message === PROJECTOR_THREAD_READY && resolve());
      this.worker.once('exit', (code) => reject(new Error(`the projector thread exited (${code}) before it started`)));
    });
    // The peers outlive a restarted worker: they send to whichever runs, and hear it through `listeners`.
    this.peers = threadPeers({
      postMessage: (message) => this.worker.postMessage(message),
      on: (_event, listener) => this.listeners.add(listener),
      off: (_event, listener) => this.listeners.delete(listener),
    });
  }

  /** Lets the runner finish its batch and close its connections, then ends the thread. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const exited = once(this.worker, 'exit');
    this.worker.postMessage(PROJECTOR_THREAD_STOP);
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(compiledWorkerFile(__dirname, 'projector-thread-worker.js'), { workerData: this.input });
    worker.on('message', (message: unknown) => {
      for (const listener of this.listeners) listener(message);
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'the projector thread failed'));
    worker.on('exit', (code) => {
      if (this.stopping) return;
      this.logger.error({ code }, 'the projector thread exited; starting it again');
      setTimeout(() => {
        if (!this.stopping) this.worker = this.start();
      }, RESTART_DELAY_MS).unref();
    });
    return worker;
  }
}
