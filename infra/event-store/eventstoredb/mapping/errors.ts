import { ErrorType, isCommandError, type CommandError } from '@eventstore/db-client';
import { WrongExpectedVersionError, type ExpectedRevision } from '../../../../services/event-store';
import { toPortCurrentRevision } from './revisions';

/** The client's typed error of the given kind, or nothing (the client's errors carry a `type` tag). */
export function commandErrorOf<T extends ErrorType>(
  error: unknown,
  type: T,
): Extract<CommandError, { type: T }> | undefined {
  if (!(error instanceof Error) || !isCommandError(error) || error.type !== type) return undefined;
  return error as Extract<CommandError, { type: T }>;
}

/**
 * What an append failure means for the port. The client's WrongExpectedVersionError becomes the
 * port's, carrying the stream's actual revision as the server reported it (`no_stream` for a
 * missing stream) and what the caller expected in the port's own terms: the client rebuilds the
 * expected value from the server's answer, which for older servers is a numeric code.
 * Anything else is passed on unchanged.
 */
export function toPortAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  const conflict = commandErrorOf(error, ErrorType.WRONG_EXPECTED_VERSION);
  if (conflict === undefined) return error;
  return new WrongExpectedVersionError(streamId, expected, toPortCurrentRevision(conflict.actualVersion));
}

/** A read of a stream that has never been written (or was deleted) fails with StreamNotFoundError. */
export function isStreamNotFound(error: unknown): boolean {
  return commandErrorOf(error, ErrorType.STREAM_NOT_FOUND) !== undefined;
}
