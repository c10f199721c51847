import { claimIdOfStream } from '../../services/claims/streams';
import { ChainCheck, type ChainAnchor } from './chain-check';
import type { Partition, SqliteClaimRows, StoredRow } from './sqlite-claim-rows';

/** A claim's check with the `$all` position of its first event: parts are merged back into filing order by it. */
export interface PlacedCheck {
  check: ChainCheck;
  firstPosition: number;
}

/** What verifying one part of the store found. */
export interface PartResult {
  /** By stream id, in the order of each claim's first event. */
  checks: Map<string, PlacedCheck>;
  eventsChecked: number;
  /** The first row of the part that is not even JSON: the part stopped there, as a whole audit must. */
  damaged: DamagedRow | null;
}

/** A row whose data or metadata is not JSON, and why the parser refused it. */
export interface DamagedRow {
  position: number;
  /** The parser's error, as `String(error)` writes it. */
  error: string;
}

/** What a part needs to know besides its rows. */
export interface PartRun {
  part: Partition;
  upTo: number;
  batchSize: number;
  anchorOf: (claimId: string) => ChainAnchor | null;
  /** Told after each batch how far into `$all` the part is and how many claim events it checked. */
  onBatch?: (position: number, eventsChecked: number) => void;
}

/**
 * Verifies the claim chains of one part of a SQLite store from its raw rows: one pass, one running
 * check per claim. Every row of the part is parsed, claim or not, as reading through the store's
 * adapter did, so a damaged row of any stream stops the audit there just the same.
 */
export function verifyPart(rows: SqliteClaimRows, run: PartRun): PartResult {
  const checks = new Map<string, PlacedCheck>();
  let eventsChecked = 0;
  for (const batch of rows.batches(run.part, run.upTo, run.batchSize)) {
    for (const row of batch) {
      try {
        if (acceptRow(row, checks, run.anchorOf)) eventsChecked += 1;
      } catch (error) {
        if (!(error instanceof Unparseable)) throw error;
        return { checks, eventsChecked, damaged: { position: row[0], error: error.message } };
      }
    }
    run.onBatch?.(batch.length < run.batchSize ? run.upTo : batch[batch.length - 1][0], eventsChecked);
  }
  run.onBatch?.(run.upTo, eventsChecked);
  return { checks, eventsChecked, damaged: null };
}

/** A row whose data or metadata is not JSON; its message is the parser's error as `String(error)` writes it. */
class Unparseable extends Error {}

/** Checks one row against its claim's chain; answers whether it was a claim event. */
function acceptRow(row: StoredRow, checks: Map<string, PlacedCheck>, anchorOf: PartRun['anchorOf']): boolean {
  const [position, streamId, revision, id, type, dataText, metadataText] = row;
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(dataText);
    metadata = JSON.parse(metadataText);
  } catch (error) {
    throw new Unparseable(String(error));
  }
  let placed = checks.get(streamId);
  if (placed === undefined) {
    const claimId = claimIdOfStream(streamId);
    if (claimId === null) return false;
    placed = { check: new ChainCheck(streamId, claimId, anchorOf(claimId)), firstPosition: position };
    checks.set(streamId, placed);
  }
  placed.check.acceptStored(revision, id, type, data, metadata);
  return true;
}
