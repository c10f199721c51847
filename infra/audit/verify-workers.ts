import { Worker } from 'node:worker_threads';
import { compiledWorkerFile } from '../worker-file';
import { ChainCheck, type ChainAnchor } from './chain-check';
import { partOfClaim, type Partition } from './sqlite-claim-rows';
import type { PartResult } from './verify-rows';
import type { SqliteVerifyOptions } from './verify-sqlite';
import type { WorkerCheck, WorkerInput, WorkerMessage } from './verify-worker';

/**
 * Verifies the store in `options.threads` parts, one worker thread each, and answers each part's
 * findings, its checks rebuilt in this thread. Progress is that of the part furthest behind.
 */
export async function inWorkers(file: string, upTo: number, options: SqliteVerifyOptions): Promise<PartResult[]> {
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
        const worker = startWorker(file, upTo, { index, count }, options);
        workers.push(worker);
        return resultOf(worker, (position, events) => progress(index, position, events), options.anchors);
      }),
    );
  } finally {
    // Once one part fails the others are not worth finishing; after success they have exited already.
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** A worker verifying one part, given the anchors of that part's claims only. */
function startWorker(file: string, upTo: number, part: Partition, options: SqliteVerifyOptions): Worker {
  const input: WorkerInput = {
    path: file,
    part,
    upTo,
    batchSize: options.batchSize,
    anchors: [...(options.anchors ?? [])].filter(([claimId]) => partOfClaim(claimId, part.count) === part.index),
  };
  return new Worker(compiledWorkerFile(__dirname, 'verify-worker.js'), { workerData: { auditPart: input } });
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
