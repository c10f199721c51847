import { Worker } from 'node:worker_threads';
import { compiledWorkerFile } from '../worker-file';
import { STOP_MESSAGE, type GroupReply, type GroupRequest } from './sqlite-commit-protocol';
import type { CommitWorkerInput } from './sqlite-commit-worker';
import type { SqliteFileOptions } from './sqlite-schema';

/**
 * The commit thread has stopped while it held a group: none of that group's appends is
 * acknowledged. A thread that died after SQLite's COMMIT but before answering may have stored
 * them, as a process killed at that moment would have; their expected revisions or event ids make
 * a retry safe.
 */
export class CommitThreadStoppedError extends Error {
  override readonly name = 'CommitThreadStoppedError';
  constructor(reason: string, options?: ErrorOptions) {
    super(`the event store's commit thread stopped (${reason}); the appends it was committing were not acknowledged`, options);
  }
}

/** Who waits for the group in flight, and on which thread. */
interface Waiting {
  worker: Worker;
  resolve(reply: GroupReply): void;
  reject(error: Error): void;
}

/**
 * The worker thread that owns an event store's write connection, seen from the serving thread:
 * `commit` hands it one group at a time and resolves with its answer once the group's
 * transaction has committed (or failed) — after the fsync, which blocks that thread, not this one.
 * Started at the first commit, so a store that only reads (most CLI commands, many tests) never
 * pays for a thread. It keeps the process alive only while a group is in flight. If it dies, the
 * group in flight rejects with {@link CommitThreadStoppedError} and the next commit starts a new one.
 */
export class CommitThread {
  private worker: Worker | null = null;
  private waiting: Waiting | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly file: SqliteFileOptions) {}

  /** Sends one group; the caller waits for its answer before sending the next. */
  commit(request: GroupRequest): Promise<GroupReply> {
    if (this.waiting !== null) return Promise.reject(new Error('the commit thread takes one group at a time'));
    const worker = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      worker.postMessage(request); // if it throws (it cannot clone the group), the group rejects and nothing waits
      worker.ref();
      this.waiting = { worker, resolve, reject };
    });
  }

  /** Closes the thread's connection and ends it (after the group in flight, if any). Safe to call twice. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) {
      worker.ref(); // let it close its connection cleanly, even as the last thing the process does
      worker.postMessage(STOP_MESSAGE);
    }
    await this.exited;
  }

  private start(): Worker {
    const input: CommitWorkerInput = this.file;
    const worker = new Worker(compiledWorkerFile(__dirname, 'sqlite-commit-worker.js'), { workerData: input });
    worker.unref();
    worker.on('message', (reply: GroupReply) => this.answered(worker, reply));
    worker.on('error', (error) => this.died(worker, new CommitThreadStoppedError(error.message, { cause: error })));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.died(worker, new CommitThreadStoppedError(`exit code ${code}`));
        resolve();
      }),
    );
    this.worker = worker;
    return worker;
  }

  private answered(worker: Worker, reply: GroupReply): void {
    worker.unref();
    this.settle(worker)?.resolve(reply);
  }

  /** Rejects the group in flight on that thread, once (its 'error' comes before its 'exit'); a thread stopped by `stop()` has none. */
  private died(worker: Worker, error: CommitThreadStoppedError): void {
    if (this.worker === worker) this.worker = null;
    this.settle(worker)?.reject(error);
  }

  /** The group in flight on `worker`, no longer in flight. */
  private settle(worker: Worker): Waiting | null {
    const waiting = this.waiting;
    if (waiting?.worker !== worker) return null;
    this.waiting = null;
    return waiting;
  }
}
