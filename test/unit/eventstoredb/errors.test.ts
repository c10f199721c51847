import {
  convertToCommandError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '../../../services/event-store';
import { isStreamNotFound, toPortAppendError } from '../../../infra/event-store/eventstoredb/mapping/errors';

/** A gRPC error as the server sends it, with the exception details in its metadata. */
function serviceError(entries: Record<string, string>, code = status.FAILED_PRECONDITION): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return Object.assign(new Error(`${code}: from the server`), { code, details: 'from the server', metadata });
}

/** The client's conflict as its batch append builds it from the server's WrongExpectedVersion answer. */
function batchAppendConflict(streamName: string, current?: bigint): Error {
  const details = new WrongExpectedVersion();
  details.setExpectedStreamPosition('1');
  if (current !== undefined) details.setCurrentStreamRevision(current.toString());
  return ClientWrongExpectedVersionError.fromWrongExpectedVersion(details, streamName);
}

describe('append errors from EventStoreDB', () => {
  it('turns the client’s WrongExpectedVersionError into the port’s, with the stream’s actual revision', () => {
    const error = toPortAppendError(batchAppendConflict('claim-1', 2n), 'claim-1', 1n);

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ name: 'WrongExpectedVersionError', streamId: 'claim-1', expected: 1n, actual: 2n });
  });

  it('reports no_stream when the server says the stream does not exist', () => {
    const error = toPortAppendError(batchAppendConflict('claim-2'), 'claim-2', STREAM_EXISTS);

    expect(error).toMatchObject({ streamId: 'claim-2', expected: STREAM_EXISTS, actual: NO_STREAM });
  });

  it('keeps what the caller expected in the port’s terms, not the client’s reconstruction', () => {
    const error = toPortAppendError(batchAppendConflict('claim-3', 0n), 'claim-3', NO_STREAM);

    expect(error).toMatchObject({ expected: NO_STREAM, actual: 0n });
  });

  it('reads a conflict sent as gRPC error metadata (the older append path), missing stream included', () => {
    const existing = convertToCommandError(
      serviceError({ exception: 'wrong-expected-version', 'stream-name': 's', 'expected-version': '-1', 'actual-version': '5' }),
    );
    const missing = convertToCommandError(
      serviceError({ exception: 'wrong-expected-version', 'stream-name': 's', 'expected-version': '3', 'actual-version': '-1' }),
    );

    expect(existing).toBeInstanceOf(ClientWrongExpectedVersionError);
    expect(toPortAppendError(existing, 's', NO_STREAM)).toMatchObject({ expected: NO_STREAM, actual: 5n });
    expect(toPortAppendError(missing, 's', 3n)).toMatchObject({ expected: 3n, actual: NO_STREAM });
  });

  it('passes every other failure on unchanged', () => {
    const unavailable = convertToCommandError(serviceError({}, status.UNAVAILABLE));
    const plain = new Error('socket hang up');

    expect(unavailable).toBeInstanceOf(UnavailableError);
    expect(toPortAppendError(unavailable, 's', 1n)).toBe(unavailable);
    expect(toPortAppendError(plain, 's', 1n)).toBe(plain);
    expect(toPortAppendError('not an error', 's', 1n)).toBe('not an error');
  });
});

describe('reading a stream that does not exist', () => {
  it('recognises the StreamNotFoundError the client’s stream read raises', () => {
    // The client's read raises it this way when the server answers "stream not found".
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'claim-404'))).toBe(true);
  });

  it('recognises it when it arrives as gRPC error metadata', () => {
    const error = convertToCommandError(serviceError({ exception: 'stream-not-found', 'stream-name': 'claim-404' }));

    expect(isStreamNotFound(error)).toBe(true);
  });

  it('does not mistake other failures for a missing stream', () => {
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
    expect(isStreamNotFound(batchAppendConflict('claim-1', 0n))).toBe(false);
    expect(isStreamNotFound(new Error('stream not found'))).toBe(false);
  });
});
