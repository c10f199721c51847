import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AuditInputError } from './audit-errors';
import { ChainCheck, type ChainAnchor } from './chain-check';
import { partOfClaim, SqliteClaimRows, WHOLE_STORE } from './sqlite-claim-rows';
import { verifyPart, type DamagedRow, type PartResult } from './verify-rows';
import type { WorkerCheck, WorkerInput, WorkerMessage } from './verify-worker';

/** How a SQLite store is verified from its raw rows. */
export interface SqliteVerifyOptions {
  anchors?: ReadonlyMap<string, ChainAnchor>;
  onProgress?: (position: bigint, eventsChecked: number) => void;
  batchSize: number;
  /** 1: in this thread; more: that many worker threads, each verifying the claims of one part of the store. */
  threads: number;
}

/** Every claim's check, in filing order (the order of each claim's first event in `$all`). */
export interface SqliteVerifyResult {
  checks: ChainCheck[];
  eventsChecked: number;
}

/**
 * Verifies every claim chain of the SQLite store at `file` up to `upTo`, reading its rows directly.
 * With several threads, each worker reads and verifies the claims of its part (claims are split
 * by their id, so a chain is never split) and the results are merged back into filing order: the
 * same checks, in the same order, as one thread finds.
 */
export async function verifySqliteClaims(file: string, upTo: bigint, options: SqliteVerifyOptions): Promise<SqliteVerifyResult> {
  const parts = options.threads <= 1 ? [inThisThread(file, Number(upTo), options)] : await inWorkers(file, Number(upTo), options);
  const damaged = firstDamaged(parts.map((part) => part.damaged));
  if (damaged) throw damagedError(file, damaged);
  const placed = parts.flatMap((part) => [...part.checks.values()]);
  if (parts.length > 1) placed.sort((a, b) => a.firstPosition - b.firstPosition);
  return { checks: placed.map((entry) => entry.check), eventsChecked: parts.reduce((sum, part) => sum + part.eventsChecked, 0) };
}

function inThisThread(file: string, upTo: number, options: SqliteVerifyOptions): PartResult {
  const rows = new SqliteClaimRows(file);
  try {
    return verifyPart(rows, {
      part: WHOLE_STORE,
      upTo,
      batchSize: options.batchSize,
      anchorOf: (claimId) => options.anchors?.get(claimId) ?? null,
      onBatch: (position, eventsChecked) => options.onProgress?.(BigInt(position), eventsChecked),
    });
  } finally {
    rows.close();
  }
}

async function inWorkers(file: string, upTo: number, options: SqliteVerifyOptions): Promise<PartResult[]> {
  const count = options.threads;
  const positions = new Array<number>(count).fill(0);
  const checked = new Array<number>(count).fill(0);
  // Progress is that of the part furthest behind: every position before it has been verified.
  const progress = (index: number, position: number, eventsChecked: number): void => {
    positions[index] = position;
    checked[index] = eventsChecked;
    options.onProgress?.(BigInt(Math.min(...positions)), checked.reduce((sum, n) => sum + n, 0));
  };
  const workers: Worker[] = [];
  try {
    return await Promise.all(
      Array.from({ length: count }, (_, index) => {
        const input: WorkerInput = {
          path: file,
          part: { index, count },
          upTo,
          batchSize: options.batchSize,
          anchors: [...(options.anchors ?? [])].filter(([claimId]) => partOfClaim(claimId, count) === index),
        };
        const worker = new Worker(workerFile(), { workerData: { auditPart: input } });
        workers.push(worker);
        return resultOf(worker, (position, events) => progress(index, position, events), options.anchors);
      }),
    );
  } finally {
    // Once one part fails the others are not worth finishing; after success they have exited already.
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Resolves with what the worker found, its checks rebuilt (with their anchors) in this thread. */
function resultOf(
  worker: Worker,
  onProgress: (position: number, eventsChecked: number) => void,
  anchors: ReadonlyMap<string, ChainAnchor> | undefined,
): Promise<PartResult> {
  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      // A failing progress callback fails the run, as it does in one thread (not the process, from an event handler).
      try {
        if (message.kind === 'progress') return onProgress(message.position, message.eventsChecked);
        resolve({ checks: rebuilt(message.checks, anchors), eventsChecked: message.eventsChecked, damaged: message.damaged });
      } catch (error) {
        reject(error as Error);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`an audit worker thread stopped (exit code ${code}) before it finished`)));
  });
}

function rebuilt(checks: WorkerCheck[], anchors: ReadonlyMap<string, ChainAnchor> | undefined): PartResult['checks'] {
  const result: PartResult['checks'] = new Map();
  for (const [streamId, claimId, firstPosition, state] of checks) {
    const check = new ChainCheck(streamId, claimId, anchors?.get(claimId) ?? null);
    check.restore(state);
    result.set(streamId, { check, firstPosition });
  }
  return result;
}

/** The compiled worker; under ts-jest this module runs from its TypeScript source, so from dist/ (built by `npm run build`). */
function workerFile(): string {
  const beside = path.join(__dirname, 'verify-worker.js');
  return existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', 'dist', 'infra', 'audit', 'verify-worker.js');
}

function firstDamaged(rows: Array<DamagedRow | null>): DamagedRow | null {
  return rows.reduce<DamagedRow | null>((first, row) => (row && (!first || row.position < first.position) ? row : first), null);
}

/** Names the last readable position before the damage, as reading through the store's adapter did. */
function damagedError(file: string, damaged: DamagedRow): AuditInputError {
  const rows = new SqliteClaimRows(file);
  try {
    const before = rows.positionBefore(damaged.position);
    return new AuditInputError(`cannot read the event after position ${before}; the record is damaged there: ${damaged.error}`);
  } finally {
    rows.close();
  }
}

/** Below this many events in the store, a worker thread's start (tens of ms) costs more than it saves. */
export const MIN_EVENTS_FOR_THREADS = 50_000;
/** Each worker scans the whole table to find its part's rows: past a few, the scans cost more than they share. */
export const MAX_AUDIT_THREADS = 4;

/**
 * The threads a whole-store verification uses: `configured` when a number (the AUDIT_THREADS
 * setting), otherwise one per core (at most {@link MAX_AUDIT_THREADS}) for a store of at least
 * {@link MIN_EVENTS_FOR_THREADS} events, and this thread alone for a smaller one.
 */
export function auditThreads(configured: number | 'auto', events: bigint): number {
  if (configured !== 'auto') return configured;
  if (events < BigInt(MIN_EVENTS_FOR_THREADS)) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_AUDIT_THREADS));
}
