import type { AppendResult, EventData, ExpectedRevision } from '../../../services/event-store';
import type { Client } from './client';
import { toPortAppendError } from './mapping/errors';
import { toClientEvent } from './mapping/events';
import { toClientExpectedRevision, toPortAppendResult } from './mapping/revisions';

/**
 * Appends a batch to one stream, atomically (the server writes one append as one transaction;
 * the client may split a large batch into several gRPC messages, still committed together).
 *
 * An empty batch is refused with a RangeError before anything is sent, as the SQLite adapter
 * does: the server would acknowledge it without a position, which the port cannot express.
 *
 * Idempotency: the server remembers recent event ids and may acknowledge an append that repeats
 * them without writing it again. Recourse does not rely on that cache (it is bounded, in memory,
 * and only partly honoured with `any`): the claim service dedupes by the `commandId` it records
 * in every claim event's metadata (and binds idempotency keys in streams appended with
 * `no_stream`), and gives every event it appends a fresh UUID, so the server never sees an id
 * twice from us.
 */
export async function appendEvents(
  client: Client,
  streamId: string,
  events: EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  if (events.length === 0) throw new RangeError(`append to ${streamId}: no events to append`);
  const expectedRevision = toClientExpectedRevision(expected);
  const proposed = events.map(toClientEvent);
  try {
    const result = await client.appendToStream(streamId, proposed, { expectedRevision });
    return toPortAppendResult(result, streamId);
  } catch (error) {
    throw toPortAppendError(error, streamId, expected);
  }
}
