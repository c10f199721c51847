import { parentPort, workerData } from 'node:worker_threads';
import type { ChainAnchor, ChainCheckState } from './chain-check';
import { SqliteClaimRows, type Partition } from './sqlite-claim-rows';
import { verifyPart, type DamagedRow } from './verify-rows';

/** What the main thread gives a worker: which part of which store, up to where, and that part's anchors. */
export interface WorkerInput {
  path: string;
  part: Partition;
  upTo: number;
  batchSize: number;
  anchors: Array<[claimId: string, anchor: ChainAnchor]>;
}

/** A claim's check as a worker hands it back: stream, claim, first position, findings. */
export type WorkerCheck = [streamId: string, claimId: string, firstPosition: number, state: ChainCheckState];

/** What a worker says: its progress after each batch, then once what it found. */
export type WorkerMessage =
  | { kind: 'progress'; position: number; eventsChecked: number }
  | { kind: 'done'; checks: WorkerCheck[]; eventsChecked: number; damaged: DamagedRow | null };

// The entry of a worker thread started by `verify-sqlite.ts`; it does nothing when merely imported.
if (parentPort !== null && (workerData as { auditPart?: WorkerInput } | null)?.auditPart) {
  const port = parentPort;
  const input = (workerData as { auditPart: WorkerInput }).auditPart;
  const send = (message: WorkerMessage): void => port.postMessage(message);
  const anchors = new Map(input.anchors);
  const rows = new SqliteClaimRows(input.path);
  try {
    const result = verifyPart(rows, {
      part: input.part,
      upTo: input.upTo,
      batchSize: input.batchSize,
      anchorOf: (claimId) => anchors.get(claimId) ?? null,
      onBatch: (position, eventsChecked) => send({ kind: 'progress', position, eventsChecked }),
    });
    const checks: WorkerCheck[] = [];
    for (const { check, firstPosition } of result.checks.values()) {
      checks.push([check.streamId, check.claimId, firstPosition, check.state()]);
    }
    send({ kind: 'done', checks, eventsChecked: result.eventsChecked, damaged: result.damaged });
  } finally {
    rows.close();
  }
}
