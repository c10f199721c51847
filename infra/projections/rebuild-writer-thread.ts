import { Worker } from 'node:worker_threads';
import type { RowStatement } from './row-store';

/**
 * The worker's code: a plain SQL executor on its own better-sqlite3 connection. Each message is
 * one transaction (`BEGIN IMMEDIATE`: the write lock first, waiting for the live runner's batch
 * if need be — which blocks this thread only), its statements prepared once and reused. Kept as
 * source text (run with `eval`) so that it loads the same from the TypeScript sources and dist/.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 10000');
const prepared = new Map();
let preparedLength = 0;
function statement(text) {
  let found = prepared.get(text);
  if (found) prepared.delete(text);
  else { found = db.prepare(text); preparedLength += text.length; }
  prepared.set(text, found);
  for (const oldest of prepared.keys()) {
    if (preparedLength <= ${400_000}) break;
    prepared.delete(oldest);
    preparedLength -= oldest.length;
  }
  return found;
}
const value = (v) => (typeof v === 'boolean' ? Number(v) : v);
parentPort.on('message', ({ id, statements, close }) => {
  if (close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const { text, params } of statements) statement(text).run(params.map(value));
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/**
 * A thread that writes to a SQLite database while this one goes on reading events and folding
 * rows: the rebuild's two halves then use both cores. `write` resolves once its statements are
 * committed, in the order given; a failure rejects that write (and the transaction rolled back).
 */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(path: string, busyTimeoutMs = 30_000) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, busyTimeoutMs, driver: require.resolve('better-sqlite3') } });
    this.worker.on('message', ({ id, error }: { id: number; error?: string }) => this.settle(id, error ? new Error(error) : null));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the rebuild's writer thread exited (${code})`)));
  }

  /** Runs `statements` in one transaction; resolves when it is committed. */
  write(statements: readonly RowStatement[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, statements });
    return done;
  }

  /** Ends the thread after the writes already sent (they commit, in order), closing its connection. */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ close: true });
    await exited;
  }

  private settle(id: number, error: Error | null): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (error) waiter?.reject(error);
    else waiter?.resolve();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
