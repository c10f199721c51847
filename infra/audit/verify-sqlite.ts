import { availableParallelism } from 'node:os';
import { AuditInputError } from './audit-errors';
import type { ChainAnchor, ChainCheck } from './chain-check';
import { SqliteClaimRows, WHOLE_STORE } from './sqlite-claim-rows';
import { verifyPart, type DamagedRow, type PartResult } from './verify-rows';
import { inWorkers } from './verify-workers';

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
