import {
  AccessDeniedError,
  CancelledError,
  convertToCommandError,
  DeadlineExceededError,
  InvalidArgumentError,
  UnavailableError,
  UnsupportedError,
} from '@eventstore/db-client';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { isRetryable, retryDelayMs } from '../../../infra/event-store/eventstoredb/mapping/retry';

function grpcFailure(code: status, exception?: string): ServiceError {
  const metadata = new Metadata();
  if (exception !== undefined) metadata.set('exception', exception);
  return Object.assign(new Error(`${code}: failure`), { code, details: 'failure', metadata });
}

describe('waiting before resubscribing', () => {
  it('doubles the wait with each drop in a row, up to the maximum', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

    expect([1, 2, 3, 4, 5, 50].map((attempt) => retryDelayMs(attempt, policy))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('waits 100 ms first and never more than 5 s by default', () => {
    expect(retryDelayMs(1)).toBe(100);
    expect(retryDelayMs(1_000)).toBe(5_000);
  });
});

describe('which failures a subscription survives', () => {
  it('resubscribes when the server is unavailable, restarting, slow or the network failed', () => {
    expect(isRetryable(convertToCommandError(grpcFailure(status.UNAVAILABLE)))).toBe(true);
    expect(isRetryable(new UnavailableError())).toBe(true);
    expect(isRetryable(new CancelledError())).toBe(true);
    expect(isRetryable(new DeadlineExceededError())).toBe(true);
    expect(isRetryable(new Error('read ECONNRESET'))).toBe(true);
  });

  it('gives up when the server refuses access or the request', () => {
    expect(isRetryable(convertToCommandError(grpcFailure(status.PERMISSION_DENIED, 'access-denied')))).toBe(false);
    expect(isRetryable(new AccessDeniedError())).toBe(false);
    expect(isRetryable(new InvalidArgumentError('bad filter'))).toBe(false);
    expect(isRetryable(new UnsupportedError('filtered subscriptions', '20.6'))).toBe(false);
  });
});
