import {
  ANY as CLIENT_ANY,
  NO_STREAM as CLIENT_NO_STREAM,
  STREAM_EXISTS as CLIENT_STREAM_EXISTS,
  type AppendExpectedRevision,
  type AppendResult as ClientAppendResult,
  type CurrentRevision as ClientCurrentRevision,
} from '@eventstore/db-client';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendResult,
  type CurrentRevision,
  type ExpectedRevision,
} from '../../../../services/event-store';

/**
 * The port's expected revision in the client's vocabulary. The port copied the client's names, so
 * the states map one to one; a revision is passed on as the same bigint. A negative revision is
 * refused here: the server would read it as one of its legacy state codes (-1 no stream, -2 any).
 */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case NO_STREAM:
      return CLIENT_NO_STREAM;
    case ANY:
      return CLIENT_ANY;
    case STREAM_EXISTS:
      return CLIENT_STREAM_EXISTS;
    default:
      if (typeof expected !== 'bigint' || expected < 0n) {
        throw new RangeError(`expected revision must be a state or a revision ≥ 0, got ${String(expected)}`);
      }
      return expected;
  }
}

/**
 * Where the server says a stream stands, in the port's vocabulary. The client reports a missing
 * stream as `no_stream`; a server answering through gRPC error metadata (the older, non-batch
 * append path) reports it as -1, which the client passes on as `-1n`.
 */
export function toPortCurrentRevision(actual: ClientCurrentRevision): CurrentRevision {
  if (actual === CLIENT_NO_STREAM) return NO_STREAM;
  return actual < 0n ? NO_STREAM : actual;
}

/**
 * The client's append answer as the port's: the last revision written and the commit position of
 * the last event, which is the port's global position (see `positions.ts`). The client answers
 * `success: false` instead of throwing only when `throwOnAppendFailure=false`, which
 * `connect` refuses; it is checked again here so a conflict can never pass as a success.
 */
export function toPortAppendResult(result: ClientAppendResult, streamId: string): AppendResult {
  if (!result.success) {
    throw new Error(`append to ${streamId} was refused and the client did not say why (throwOnAppendFailure=false?)`);
  }
  if (result.position === undefined) {
    throw new Error(`append to ${streamId}: the server reported no position (EventStoreDB 20.6 or later is needed)`);
  }
  return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
}
