import type { EventStore, Subscription } from '../../services/event-store';

/** The runner's log calls (pino's shape). */
export interface RunnerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Tells a waiting runner that new events may be there: the store's doorbell (`onAppended`) when it
 * has one, else its live subscription used purely as one (its events are not projected, `readAll`
 * is), with a poll timer as the fallback when either is slow, broken, or misses another process.
 */
export class WakeUp {
  private subscription: Subscription | null = null;
  private stopListening: (() => void) | null = null;
  private rung = false;
  private ring: (() => void) | null = null;
  private readonly pauses = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly pollIntervalMs: number,
    private readonly logger?: RunnerLogger,
  ) {}

  /** Starts listening for appends made after this call. */
  open(): void {
    // The doorbell reads no event; a subscription reads and parses every one only to ring.
    if (this.store.onAppended) {
      this.stopListening = this.store.onAppended(() => this.wake());
      return;
    }
    this.subscription = this.store.subscribeToAll({ after: 'end' });
    void this.listen(this.subscription);
  }

  /** Forgets earlier rings: call before catching up, so a ring during the catch-up is not lost. */
  reset(): void {
    this.rung = false;
  }

  /** Resolves on the next ring (at once if one came since `reset`) or after the poll interval. */
  wait(): Promise<void> {
    if (this.rung) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answer(), this.pollIntervalMs);
      this.ring = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Resolves after `ms`, or at once when closed: rings do not end it. A runner waiting for another
   * process's lease uses it, since new events cannot make the lease free sooner.
   */
  pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pauses.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pauses.add(done);
    });
  }

  /** Wakes any waiter now (events arrived, or the runner is stopping). */
  wake(): void {
    this.rung = true;
    this.answer();
  }

  async close(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    this.stopListening?.();
    this.stopListening = null;
    this.closed = true;
    for (const done of [...this.pauses]) done();
    this.wake();
    await subscription?.close();
  }

  private answer(): void {
    const ring = this.ring;
    this.ring = null;
    ring?.();
  }

  private async listen(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        void event;
        this.wake();
      }
    } catch (error) {
      this.logger?.warn({ err: error }, 'projection wake-up subscription failed; polling only');
    }
  }
}

/** Wakes `waitForPosition` callers of this process at each commit, rather than at their next poll. */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves true at the next `notify()`, or false after `ms`. */
  next(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (notified: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(onNotify);
        resolve(notified);
      };
      const onNotify = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.listeners.add(onNotify);
    });
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
