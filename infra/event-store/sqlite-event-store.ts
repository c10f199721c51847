import type Database from 'better-sqlite3';
import {
  ANY,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../../services/event-store';
import { AppendDoorbell } from './append-doorbell';
import { AppendNotifier } from './append-notifier';
import { CatchUpSubscription } from './catch-up-subscription';
import { prepareFilteredBatchReader } from './sqlite-filter';
import { CommitThread } from './sqlite-commit-thread';
import { GroupCommit } from './sqlite-group-commit';
import { prepareReadStatements, toRecordedEvent, type ReadStatements } from './sqlite-rows';
import { openDatabase, type SqliteFileOptions } from './sqlite-schema';

/** How to open the SQLite event store. */
export interface SqliteEventStoreOptions {
  /** The database file; created with its tables if missing. */
  path: string;
  /** How often subscriptions look for events appended by other processes, in ms. Default 100. */
  pollIntervalMs?: number;
  /** How long an append waits for another process's write lock before failing, in ms. Default 5,000. */
  busyTimeoutMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 100;
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_READ_ALL_COUNT = 1_000;
const SUBSCRIPTION_BATCH_SIZE = 500;

/**
 * The embedded event store: one SQLite file (WAL, `synchronous=FULL`) that several processes
 * may open at once. Reads run synchronously on this thread's connection. Appends are committed in
 * groups by a worker thread with a write connection of its own (see {@link GroupCommit} and
 * {@link CommitThread}): concurrent commands share one fsync, and the fsync — most of an append's
 * cost on this thread before — no longer blocks the event loop. An append is acknowledged only once
 * its group has committed; a read made after that sees it (WAL: each read sees every commit before it).
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReadStatements;
  private readonly groupCommit: GroupCommit;
  private readonly notifier = new AppendNotifier();
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private readonly commitListeners = new Set<() => void>();
  private readonly doorbell: AppendDoorbell;

  /** `db` is the reading connection to `file`; the commit thread opens its own when the first append comes. */
  constructor(
    private readonly db: Database.Database,
    file: SqliteFileOptions,
    pollIntervalMs: number = DEFAULT_POLL_INTERVAL_MS,
  ) {
    this.statements = prepareReadStatements(db);
    this.groupCommit = new GroupCommit(new CommitThread(file), () => {
      this.notifier.notify();
      this.doorbell.ring();
      for (const listener of this.commitListeners) listener();
    });
    this.pollIntervalMs = pollIntervalMs;
    this.doorbell = new AppendDoorbell(() => this.head(), pollIntervalMs);
  }

  /** Resolves once the append's group has committed (on disk); refuses an empty batch with a RangeError (see `serialiseEvents`). */
  appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.groupCommit.append(streamId, events, options.expectedRevision ?? ANY);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.statements.readStream.all(streamId, options.fromRevision ?? 0n, limitOf(options.maxCount));
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after === undefined || options.after === 'start' ? 0n : options.after;
    const rows = this.statements.readAll.all(after, limitOf(options.maxCount ?? DEFAULT_READ_ALL_COUNT));
    return rows.map(toRecordedEvent);
  }

  /** `end` is resolved now: the subscription sees events appended after this call returns. */
  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const readBatch = prepareFilteredBatchReader(this.db, options.filter);
    const subscription: Subscription = new CatchUpSubscription(
      {
        head: () => this.head(),
        readBatch: (after, upTo, limit) => readBatch(after, upTo, limit).map(toRecordedEvent),
      },
      {
        after: this.startPosition(options.after),
        notifier: this.notifier,
        pollIntervalMs: this.pollIntervalMs,
        batchSize: SUBSCRIPTION_BATCH_SIZE,
        onClose: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Rings `listener` after each commit of this store object, when another process says it
   * appended ({@link appendedElsewhere}), and when the poll finds the head moved; no event is read.
   */
  onAppended(listener: () => void): () => void {
    return this.doorbell.listen(listener);
  }

  /** Write transactions committed by this store object and the appends they held: shows group commit at work. */
  commitStats(): { commits: number; appends: number } {
    return { ...this.groupCommit.stats };
  }

  /**
   * Calls `listener` after each commit of this store object that stored events (to tell other
   * processes, see {@link appendedElsewhere}); the returned function stops that.
   */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /**
   * Another process says it appended: this process's subscriptions look now instead of at their
   * next poll (they read the file, so a wrong or late word costs a read, never an event).
   */
  appendedElsewhere(): void {
    this.notifier.notify();
    this.doorbell.ring();
  }

  async headPosition(): Promise<bigint> {
    return this.head();
  }

  /**
   * Commits the appends already made (each is acknowledged or rejected by the time this resolves),
   * stops the commit thread, ends every subscription of this store, then closes the reading
   * connection. Appends made after this call reject. Safe to call twice.
   */
  async close(): Promise<void> {
    await this.groupCommit.close();
    this.doorbell.close();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.db.close();
  }

  private head(): bigint {
    return this.statements.headPosition.get()?.head ?? 0n;
  }

  private startPosition(after: SubscribeToAllOptions['after'] = 'start'): bigint {
    if (after === 'start') return 0n;
    if (after === 'end') return this.head();
    return after;
  }
}

/** Opens (creating if needed) the SQLite event store at `options.path`. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const file = { path: options.path, busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS };
  return new SqliteEventStore(openDatabase(file), file, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
}

/** SQLite reads LIMIT -1 as "no limit". */
function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a whole number ≥ 0, got ${maxCount}`);
  }
  return maxCount;
}
