import { CommitSignal } from './wake-up';

/** What a {@link PositionWait} asks the runner it serves. */
export interface PositionSource {
  /** Where the read models stand as stored (the checkpoint table): another process may project. */
  readStored(): Promise<bigint>;
  /** Whether this process projects now: its own commits then say where the read models stand. */
  projectingHere(): boolean;
  /** Whether this process's projector failed (it will not move again). */
  failed(): boolean;
}

/**
 * Read-your-writes for mutations: waits until the read models have applied a position. While this
 * process projects, each commit wakes the waiters with the position reached, and the stored
 * checkpoints are read only when no commit came within the poll interval. Otherwise (the projector
 * in another process) one read of the checkpoints serves every waiter: with hundreds of mutations
 * waiting, a read per waiter per poll cost more than the mutations themselves.
 */
export class PositionWait {
  private readonly commits = new CommitSignal();
  /** The position this process's own commits reached. */
  private known = 0n;
  /** The position the projector of another process last said it committed (cluster workers); 0n: none said. */
  private reported = 0n;
  /** The stored position as last read, when (ms), and the read in flight. */
  private stored = 0n;
  private storedAt = 0;
  private storedRead: Promise<void> | null = null;

  constructor(
    private readonly source: PositionSource,
    private readonly pollIntervalMs: number,
  ) {}

  /** This process committed up to `position`: wakes the waiters. */
  committed(position: bigint): void {
    this.known = position;
    this.commits.notify();
  }

  /**
   * The projector of another process committed up to `position` (it said so over IPC): wakes the
   * waiters. The latest word counts, not the highest: after a rebuild restarts at 0, so does it.
   */
  reportedElsewhere(position: bigint): void {
    this.reported = position;
    this.commits.notify();
  }

  /** Resolves true once the read models have applied `position`, false after `timeoutMs`. */
  async until(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let readStored = !this.source.projectingHere();
    for (;;) {
      // What this process or its cluster peers said first: the stored checkpoints only when that is not enough.
      if (this.known >= position || this.reported >= position) return true;
      if (readStored) await this.refreshStored();
      // Checked again: a commit or a peer's word may have come during the read.
      if (this.known >= position || this.stored >= position || this.reported >= position) return true;
      const left = deadline - Date.now();
      // A runner of this process that failed will not move; no point waiting the whole timeout.
      if (left <= 0 || this.source.failed()) return false;
      const notified = await this.commits.next(Math.min(left, this.pollIntervalMs));
      readStored = !notified || !this.source.projectingHere();
    }
  }

  /** One read in flight at a time, none within half a poll interval of the last; wakes the waiters when it moved. */
  private refreshStored(): Promise<void> {
    if (Date.now() - this.storedAt < this.pollIntervalMs / 2) return Promise.resolve();
    this.storedRead ??= this.source
      .readStored()
      .then((position) => {
        this.storedAt = Date.now();
        const moved = position !== this.stored;
        this.stored = position;
        if (moved) this.commits.notify();
      })
      .finally(() => {
        this.storedRead = null;
      });
    return this.storedRead;
  }
}
