import { claimIdOfStream, claimStreamName } from '../../services/claims/streams';
import type { EventStore, RecordedEvent } from '../../services/event-store';
import { AuditInputError } from './audit-errors';

/** Events per read: large enough to amortise a read, small enough to keep memory flat. */
export const AUDIT_BATCH_SIZE = 1_000;

/** Claim events read in one go, and how far into `$all` the reading has got. */
export interface EventBatch {
  events: RecordedEvent[];
  /** The global position of the last event read (of any stream); the progress measure. */
  position: bigint;
}

/**
 * Every claim event of the store, in `$all` order, in batches, up to `upTo` (the head when the
 * audit started: events appended meanwhile belong to the next audit). Other streams (tokens,
 * idempotency keys, order reservations) carry no hash chain and are skipped. Holds one batch at a time.
 */
export async function* claimEventBatches(
  store: EventStore,
  upTo: bigint,
  batchSize: number = AUDIT_BATCH_SIZE,
): AsyncGenerator<EventBatch> {
  let after = 0n;
  while (after < upTo) {
    const read = await store.readAll({ after, maxCount: batchSize }).catch(async (error: unknown) => {
      throw unreadable(`after position ${await lastReadable(store, after, batchSize)}`, error);
    });
    if (read.length === 0) return;
    after = read[read.length - 1].position;
    const events = read.filter((event) => event.position <= upTo && claimIdOfStream(event.streamId) !== null);
    yield { events, position: after < upTo ? after : upTo };
  }
}

/** One claim's events in revision order, in batches. */
export async function* oneClaimBatches(
  store: EventStore,
  claimId: string,
  batchSize: number = AUDIT_BATCH_SIZE,
): AsyncGenerator<EventBatch> {
  const streamId = claimStreamName(claimId);
  let fromRevision = 0n;
  for (;;) {
    const events = await store.readStream(streamId, { fromRevision, maxCount: batchSize }).catch((error: unknown) => {
      throw unreadable(`of ${streamId} from revision ${fromRevision} on`, error);
    });
    if (events.length === 0) return;
    const last = events[events.length - 1];
    yield { events, position: last.position };
    if (events.length < batchSize) return;
    fromRevision = last.revision + 1n;
  }
}

/**
 * A row that is not even JSON (a byte edited carelessly) makes the adapter fail the whole read:
 * the audit cannot go past it, so it stops, saying where, instead of with a parser's stack trace.
 */
function unreadable(where: string, error: unknown): AuditInputError {
  return new AuditInputError(`cannot read the event ${where}; the record is damaged there: ${String(error)}`);
}

/** Steps one event at a time from `after` to the last event that can still be read (at most `limit` steps). */
async function lastReadable(store: EventStore, after: bigint, limit: number): Promise<bigint> {
  let position = after;
  for (let step = 0; step < limit; step++) {
    const next = await store.readAll({ after: position, maxCount: 1 }).catch(() => []);
    if (next.length === 0) break;
    position = next[0].position;
  }
  return position;
}
