import { claimStreamName } from '../../services/claims/streams';
import type { EventStore } from '../../services/event-store';
import type { Config } from '../config';
import { AuditInputError } from './audit-errors';
import { claimEventBatches, oneClaimBatches, type EventBatch } from './event-batches';
import { writeNdjson } from './export-ndjson';
import { writeOutput } from './output';
import { noProgress, startProgress, type Progress } from './progress';
import { openRawEventStore } from './raw-store';
import type { CommandIo } from './run-verify';

/** `recourse audit export`'s options. */
export interface ExportCommandOptions {
  /** Only this claim (a lower-case UUID); otherwise every claim event in the store. */
  claim?: string;
  /** The file to write (appears, or is replaced, only once complete); stdout when absent. */
  out?: string;
}

/**
 * Streams the claim events, as stored, as NDJSON to the file or stdout, and says on stderr how
 * many it wrote. The whole store is exported as it stood when the export began.
 */
export async function runExport(config: Config, options: ExportCommandOptions, io: CommandIo): Promise<number> {
  const store = openRawEventStore(config);
  const started = performance.now();
  try {
    const { batches, progress } = await exportSource(store, options.claim, io.stderr);
    const written = await writeOutput(options.out, io.stdout, (stream) =>
      writeNdjson(batches, stream, (batch, count) => progress.update(batch.position, count)).finally(() => progress.stop()),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.stderr.write(`exported ${written} events to ${options.out ?? 'stdout'} in ${seconds} s\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** One claim's stream (refused before anything is written when it has no events), or every claim event up to the head. */
async function exportSource(
  store: EventStore,
  claimId: string | undefined,
  stderr: NodeJS.WriteStream,
): Promise<{ batches: AsyncIterable<EventBatch>; progress: Progress }> {
  if (claimId) {
    const first = await store.readStream(claimStreamName(claimId), { maxCount: 1 });
    if (first.length === 0) throw new AuditInputError(`claim ${claimId} has no events in the store`);
    return { batches: oneClaimBatches(store, claimId), progress: noProgress };
  }
  const upTo = await store.headPosition();
  return { batches: claimEventBatches(store, upTo), progress: startProgress(stderr, 'exporting', upTo) };
}
