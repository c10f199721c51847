/**
 * The SQLite store's doorbell (`EventStore.onAppended`): rings its listeners after each commit
 * through the same store object, when another process says it appended, and when a poll of the
 * head position finds it moved (another process appended and said nothing). It reads no event:
 * a listener reads `$all` itself. The poll runs only while someone listens.
 */
export class AppendDoorbell {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  /** The head position when the bell last rang or the poll last looked. */
  private seen = 0n;

  constructor(
    /** The position of the last event in the store, read now. */
    private readonly head: () => bigint,
    /** How often to look for appends of other processes, ms. */
    private readonly pollIntervalMs: number,
  ) {}

  /** Calls `listener` at every ring until the returned function is called. */
  listen(listener: () => void): () => void {
    if (this.listeners.size === 0) this.startPolling();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  }

  /** Events were appended (or may have been): rings now. */
  ring(): void {
    if (this.listeners.size === 0) return;
    // Remembered so that the next poll does not ring again for the same events.
    this.seen = this.head();
    for (const listener of [...this.listeners]) listener();
  }

  /** Stops polling and forgets every listener (the store is closing). */
  close(): void {
    this.listeners.clear();
    this.stopPolling();
  }

  private startPolling(): void {
    this.seen = this.head();
    this.timer = setInterval(() => this.poll(), this.pollIntervalMs);
    // A listener left behind must not keep the process alive; its owner has timers of its own.
    this.timer.unref();
  }

  private stopPolling(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private poll(): void {
    let head: bigint;
    try {
      head = this.head();
    } catch {
      return; // a busy or closing database: the listeners' own fallback polls still run
    }
    if (head > this.seen) this.ring();
  }
}
