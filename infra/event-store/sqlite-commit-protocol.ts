import Database from 'better-sqlite3';
import { WrongExpectedVersionError, type CurrentRevision, type ExpectedRevision } from '../../services/event-store';
import type { QueuedAppend, WrittenAppend } from './sqlite-append';

/** A group of appends for the commit thread to write in one transaction, stamped `now` (ms since the epoch). */
export interface GroupRequest {
  appends: QueuedAppend[];
  now: number;
}

/** What became of one append of a committed group. */
export type EncodedOutcome = { written: WrittenAppend } | { refused: EncodedError };

/** The commit thread's answer to a group: one outcome per append, or the failure that stored none of them. */
export type GroupReply = { outcomes: EncodedOutcome[] } | { failed: EncodedError };

/** Tells the commit thread to close its connection and end. */
export const STOP_MESSAGE = 'stop';

/**
 * An error that crossed from the commit thread. A thread's errors reach the other thread as bare
 * `Error`s (structured clone keeps neither the class nor fields such as `code`), so the ones the
 * port and its callers tell apart are sent as data and made again on the serving thread.
 */
export type EncodedError =
  | { kind: 'wrong-expected-version'; streamId: string; expected: ExpectedRevision; actual: CurrentRevision }
  | { kind: 'sqlite'; message: string; code: string }
  | { kind: 'error'; name: string; message: string };

export function encodeError(error: unknown): EncodedError {
  if (error instanceof WrongExpectedVersionError) {
    return { kind: 'wrong-expected-version', streamId: error.streamId, expected: error.expected, actual: error.actual };
  }
  if (error instanceof Database.SqliteError) return { kind: 'sqlite', message: error.message, code: error.code };
  if (error instanceof Error) return { kind: 'error', name: error.name, message: error.message };
  return { kind: 'error', name: 'Error', message: String(error) };
}

/** The built-in error classes an append may throw (e.g. a RangeError for an empty batch), made again by name. */
const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = { RangeError, TypeError };

/** The error as the store threw it before appends moved to a thread: the same class and fields. */
export function decodeError(encoded: EncodedError): Error {
  switch (encoded.kind) {
    case 'wrong-expected-version':
      return new WrongExpectedVersionError(encoded.streamId, encoded.expected, encoded.actual);
    case 'sqlite':
      return new Database.SqliteError(encoded.message, encoded.code);
    case 'error': {
      const error = new (BUILT_IN_ERRORS[encoded.name] ?? Error)(encoded.message);
      error.name = encoded.name;
      return error;
    }
  }
}
