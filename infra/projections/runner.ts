import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import type { EventStore } from '../../services/event-store';
import { applyBatch, slotsOf, type BatchStep } from './apply-batch';
import { loadCheckpoints, minPosition, saveCheckpoints } from './checkpoint-store';
import { ProjectionFailedError } from './fold-batch';
import { LeaseLostError, type ProjectorLease } from './lease';
import { PositionWait } from './position-wait';
import { delay, WakeUp, type RunnerLogger } from './wake-up';

export type { RunnerLogger } from './wake-up';
export { ProjectionFailedError };

/** What the runner needs; everything is passed in (no globals). */
export interface ProjectionRunnerOptions {
  store: EventStore;
  /** The read-model database (`openReadModels`), with every projection's entity registered. */
  orm: MikroORM;
  projections: readonly AnyProjection[];
  /** More work for every batch, after the projections and in the same transaction (the webhook outbox). */
  steps?: readonly BatchStep[];
  /** Events read and applied per transaction. Default 500. */
  batchSize?: number;
  /** `start()`: how often to look for new events when no wake-up arrived, ms. Default 500. */
  pollIntervalMs?: number;
  /** `waitForPosition`: how often to re-read the checkpoints (another process may project), ms. Default 25. */
  waitPollIntervalMs?: number;
  logger?: RunnerLogger;
  /**
   * When given, `start()` projects only while holding this lease (other processes wait), and every
   * batch renews it in its own transaction. `catchUp()` called directly does not take it.
   */
  lease?: ProjectorLease;
  /** Told the position reached after each commit of `start()`'s loop (cluster workers pass it on to the others). */
  onCommitted?: (position: bigint) => void;
}

/**
 * Keeps read models up to date with `$all`: reads a batch after the slowest checkpoint, applies it
 * to every projection and saves their checkpoints in one transaction, and repeats. The only impure
 * part of the read side; it knows no projection in particular. One runner per database at a time.
 */
export class ProjectionRunner {
  private readonly slots: BatchStep[];
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly waitPollIntervalMs: number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly wait: PositionWait;
  private stopRequested = false;
  private loop: Promise<void> | null = null;
  private wakeUp: WakeUp | null = null;
  private failure: Error | null = null;
  private fenced = false;
  private leaseState: 'holding' | 'waiting' | null = null;
  /**
   * Reads the checkpoints outside a transaction before every catch-up: one fork, made once (a fork
   * per read cost ~40 µs); it runs plain SQL only, so its identity map stays empty.
   */
  private readonly readEm: EntityManager;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.readEm = options.orm.em.fork();
    this.slots = [...slotsOf(options.orm, options.projections), ...(options.steps ?? [])];
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.waitPollIntervalMs = options.waitPollIntervalMs ?? 25;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be ≥ 1');
    this.wait = new PositionWait(
      { readStored: () => this.position(), projectingHere: () => this.projectingHere(), failed: () => this.failure !== null },
      this.waitPollIntervalMs,
    );
  }

  /** The projection failure that stopped `start()`'s loop, if one did (call `stop()` before starting again). */
  get failed(): Error | null {
    return this.failure;
  }

  /**
   * Applies every event after the checkpoints, batch by batch, until `$all` has nothing newer;
   * resolves with the position reached (the slowest projection's). Calls run one after another.
   * Rejects with `ProjectionFailedError` if a projection throws; that batch is not applied.
   */
  catchUp(): Promise<bigint> {
    const run = this.queue.then(() => this.runCatchUp());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Catches up, then keeps projecting new events until `stop()`; a failure is logged and stops it. */
  start(): void {
    if (this.loop !== null) return;
    this.failure = null;
    this.wakeUp = new WakeUp(this.options.store, this.pollIntervalMs, this.options.logger);
    this.wakeUp.open();
    this.loop = this.follow(this.wakeUp);
  }

  /** Stops `start()`'s loop after the batch in progress, and waits for it. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.wakeUp?.close();
    await this.loop;
    await this.queue;
    if (this.options.lease) await this.options.lease.release();
    this.loop = null;
    this.wakeUp = null;
    this.stopRequested = false;
  }

  /**
   * Resolves true as soon as every projection has applied the event at `position` (read-your-writes),
   * false after `timeoutMs`. Works when the projector runs in another process: it re-reads the
   * checkpoint table.
   */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.wait.until(position, timeoutMs);
  }

  /**
   * The projector of another process of this cluster committed up to `position`: wakes this
   * process's `waitForPosition` callers without waiting for their next read of the checkpoints.
   */
  projectedElsewhere(position: bigint): void {
    this.wait.reportedElsewhere(position);
  }

  /** Where the slowest projection stands, as stored (0n before any event, or when rebuilding). */
  async position(): Promise<bigint> {
    const stored = await loadCheckpoints(this.readEm, this.names());
    return minPosition(
      this.slots.map((step) => {
        const checkpoint = stored.get(step.name);
        return checkpoint?.version === step.version ? checkpoint.position : 0n;
      }),
    );
  }

  private async runCatchUp(): Promise<bigint> {
    const positions = await this.prepare();
    this.committed(minPosition(positions.values()));
    while (!this.stopRequested) {
      const after = minPosition(positions.values());
      const batch = await this.options.store.readAll({ after: after === 0n ? 'start' : after, maxCount: this.batchSize });
      if (batch.length === 0) break;
      const fence = this.fenced ? this.options.lease?.renewWithin.bind(this.options.lease) : undefined;
      await applyBatch(this.options.orm, this.slots, batch, positions, fence);
      this.committed(minPosition(positions.values()));
      // A short batch was everything stored when it was read; what was appended since rings the
      // wake-up, which starts the next cycle. Not reading again saves a query per cycle (a cycle
      // per commit group under load).
      if (batch.length < this.batchSize) break;
      await nextTurn();
    }
    return minPosition(positions.values());
  }

  /** Each projection's position; a projection whose stored version differs is cleared and restarts at 0. */
  private async prepare(): Promise<Map<string, bigint>> {
    const stored = await loadCheckpoints(this.readEm, this.names());
    const outdated = this.slots.filter((step) => {
      const checkpoint = stored.get(step.name);
      return checkpoint !== undefined && checkpoint.version !== step.version;
    });
    if (outdated.length > 0) await this.rebuild(outdated);
    return new Map(
      this.slots.map((step) => [step.name, outdated.includes(step) ? 0n : (stored.get(step.name)?.position ?? 0n)]),
    );
  }

  private async rebuild(outdated: readonly BatchStep[]): Promise<void> {
    await this.options.orm.em.fork().transactional(async (em) => {
      for (const step of outdated) await step.clear(em);
      const reset = outdated.map(({ name, version }) => [name, { version, position: 0n }] as const);
      await saveCheckpoints(em, new Map(reset));
    });
    const names = outdated.map(({ name }) => name);
    this.options.logger?.info({ projections: names }, 'projection version changed: rebuilding from the start');
  }

  /**
   * `start()`'s loop. A projection that throws stops it (skipping the event would corrupt the read
   * model); anything else (a busy database, an unreachable store) is retried after the poll interval,
   * which is safe because a failed batch was rolled back.
   */
  private async follow(wakeUp: WakeUp): Promise<void> {
    while (!this.stopRequested) {
      wakeUp.reset();
      let held: boolean;
      try {
        held = await this.holdsLease();
        if (held) await this.catchUp();
      } catch (error) {
        if (error instanceof ProjectionFailedError) return this.halt(error, wakeUp);
        if (!(error instanceof LeaseLostError)) this.options.logger?.warn({ err: error }, 'projection catch-up failed; retrying');
        await delay(this.pollIntervalMs);
        continue;
      }
      // Without the lease, new events are not this runner's work: asking for the lease at every
      // append (every commit of every process) cost two statements each; once a poll is enough.
      if (!this.stopRequested) await (held ? wakeUp.wait() : wakeUp.pause(this.pollIntervalMs));
    }
  }

  /** Takes or renews the lease when there is one; says once when another projector holds it. */
  private async holdsLease(): Promise<boolean> {
    const { lease, logger } = this.options;
    if (!lease) return true;
    const held = await lease.tryAcquire();
    this.fenced = held;
    const state = held ? 'holding' : 'waiting';
    if (state !== this.leaseState) {
      this.leaseState = state;
      const message = held ? 'projector lease taken: projecting' : 'another projector holds the lease: waiting';
      logger?.info({ holder: lease.holder }, message);
    }
    return held;
  }

  private async halt(error: ProjectionFailedError, wakeUp: WakeUp): Promise<void> {
    this.failure = error;
    this.options.logger?.error({ err: error }, 'projection runner stopped: a projection failed');
    await wakeUp.close();
  }

  /** Whether `start()`'s loop runs here and holds the lease (if any): its commits then say where the read models stand. */
  private projectingHere(): boolean {
    return this.loop !== null && (this.options.lease === undefined || this.leaseState === 'holding');
  }

  private committed(position: bigint): void {
    this.wait.committed(position);
    this.options.onCommitted?.(position);
  }

  private names(): string[] {
    return this.slots.map(({ name }) => name);
  }
}

/**
 * Lets timers, I/O and signals run between two batches. With SQLite on both sides every await of a
 * catch-up resolves at once, so a long one would otherwise hold the event loop (and the HTTP server
 * sharing it) until it ends.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
