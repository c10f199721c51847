import { claimIdOfStream, claimStreamName } from '../../services/claims/streams';
import type { EventStore } from '../../services/event-store';
import { ChainCheck, type ChainAnchor } from './chain-check';
import { AUDIT_BATCH_SIZE, claimEventBatches, oneClaimBatches, type EventBatch } from './event-batches';
import { verifySqliteClaims } from './verify-sqlite';

/** What one audit run found, claim by claim (in the order the claims were filed). */
export interface AuditResult {
  claims: ChainCheck[];
  summary: AuditSummary;
}

export interface AuditSummary {
  claimsChecked: number;
  eventsChecked: number;
  broken: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface AuditOptions {
  /** Earlier heads by claim id, which must still be in their chains (see README, "Auditing"). */
  anchors?: ReadonlyMap<string, ChainAnchor>;
  /** Told after each batch how far into `$all` the run is and how many claim events it checked. */
  onProgress?: (position: bigint, eventsChecked: number) => void;
  batchSize?: number;
  /** Verify `$all` up to this position; default: the head when the run starts. */
  upTo?: bigint;
  /**
   * The SQLite file behind `store`, when it is one: its rows are then read directly (faster: see
   * `sqlite-claim-rows.ts`), and `threads` can share the work. Not for a single claim.
   */
  sqlitePath?: string;
  /** With `sqlitePath`: worker threads to verify with (default 1: this thread); `auditThreads` chooses. */
  threads?: number;
}

/**
 * Verifies every claim stream of the store as it stood when the run began, in one pass over
 * `$all`. Memory grows with the number of claims (one running check each), never with events.
 */
export async function verifyAllClaims(store: EventStore, options: AuditOptions = {}): Promise<AuditResult> {
  const head = options.upTo ?? (await store.headPosition());
  const started = performance.now();
  const { checks, eventsChecked } = options.sqlitePath
    ? await verifySqliteClaims(options.sqlitePath, head, { ...options, batchSize: options.batchSize ?? AUDIT_BATCH_SIZE, threads: options.threads ?? 1 })
    : await verifyThroughStore(store, head, options);
  const byStream = new Map(checks.map((check) => [check.streamId, check]));
  // An anchored claim with no event left at all is the extreme case of a truncated stream.
  for (const claimId of options.anchors?.keys() ?? []) {
    const streamId = claimStreamName(claimId);
    if (!byStream.has(streamId)) byStream.set(streamId, new ChainCheck(streamId, claimId, options.anchors?.get(claimId) ?? null));
  }
  return finish([...byStream.values()], eventsChecked, started);
}

/** Through the store's port (any adapter): its `readAll`, in batches, in this thread. */
async function verifyThroughStore(store: EventStore, head: bigint, options: AuditOptions): Promise<{ checks: ChainCheck[]; eventsChecked: number }> {
  const checks = new Map<string, ChainCheck>();
  const checkOf = (streamId: string): ChainCheck => {
    let check = checks.get(streamId);
    if (!check) {
      const claimId = claimIdOfStream(streamId) as string;
      check = new ChainCheck(streamId, claimId, options.anchors?.get(claimId) ?? null);
      checks.set(streamId, check);
    }
    return check;
  };
  const eventsChecked = await walk(claimEventBatches(store, head, options.batchSize), checkOf, options);
  return { checks: [...checks.values()], eventsChecked };
}

/** Verifies one claim's stream. A claim without events yields no check. */
export async function verifyOneClaim(store: EventStore, claimId: string, options: AuditOptions = {}): Promise<AuditResult> {
  const anchor = options.anchors?.get(claimId) ?? null;
  const check = new ChainCheck(claimStreamName(claimId), claimId, anchor);
  const started = performance.now();
  const eventsChecked = await walk(oneClaimBatches(store, claimId, options.batchSize), () => check, options);
  const found = eventsChecked > 0 || anchor !== null;
  return finish(found ? [check] : [], eventsChecked, started);
}

async function walk(
  batches: AsyncIterable<EventBatch>,
  checkOf: (streamId: string) => ChainCheck,
  { onProgress }: AuditOptions,
): Promise<number> {
  let eventsChecked = 0;
  for await (const batch of batches) {
    for (const event of batch.events) checkOf(event.streamId).accept(event);
    eventsChecked += batch.events.length;
    onProgress?.(batch.position, eventsChecked);
  }
  return eventsChecked;
}

function finish(claims: ChainCheck[], eventsChecked: number, started: number): AuditResult {
  for (const check of claims) check.finish();
  const seconds = (performance.now() - started) / 1000;
  return {
    claims,
    summary: {
      claimsChecked: claims.length,
      eventsChecked,
      broken: claims.filter((check) => !check.valid).length,
      seconds,
      eventsPerSecond: seconds > 0 ? Math.round(eventsChecked / seconds) : eventsChecked,
    },
  };
}
