import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { RecordedEvent } from '../../services/event-store';
import type { EventBatch } from './event-batches';

/** One line of an export: the event as stored, its hash chain in `metadata` (`prevHash`, `hash`). */
export interface ExportedEvent {
  streamId: string;
  revision: number;
  /** The global position, as a decimal string (it may exceed 2^53 in other stores). */
  position: string;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** ISO-8601, UTC. */
  recordedAt: string;
}

/** The NDJSON line of one event, newline included. */
export function exportLine(event: RecordedEvent): string {
  const line: ExportedEvent = {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: event.position.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
  return `${JSON.stringify(line)}\n`;
}

/**
 * Writes the batches as NDJSON, one write per batch, waiting for `drain` whenever `out` is full:
 * memory holds one batch whatever the export's size. Rejects with the stream's error (a full
 * disk, a closed pipe). Returns the number of events written; `out` is left open.
 */
export async function writeNdjson(
  batches: AsyncIterable<EventBatch>,
  out: Writable,
  onBatch?: (batch: EventBatch, written: number) => void,
): Promise<number> {
  let failure: Error | null = null;
  const remember = (error: Error): void => {
    failure = error;
  };
  out.on('error', remember);
  try {
    let written = 0;
    for await (const batch of batches) {
      if (failure) throw failure;
      if (batch.events.length > 0 && !out.write(batch.events.map(exportLine).join(''))) await once(out, 'drain');
      written += batch.events.length;
      onBatch?.(batch, written);
    }
    if (failure) throw failure;
    return written;
  } finally {
    out.off('error', remember);
  }
}
