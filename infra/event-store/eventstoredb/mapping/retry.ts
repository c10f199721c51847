import { ErrorType, isCommandError } from '@eventstore/db-client';

/** How a dropped subscription waits before subscribing again. */
export interface RetryPolicy {
  /** The wait after the first drop in a row, in ms. Default 100. */
  initialDelayMs: number;
  /** The longest wait, in ms; each further drop in a row doubles the wait up to it. Default 5,000. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 5_000 };

/** The wait before attempt `attempt` (1 for the first retry after a drop): exponential, capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(policy.initialDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/**
 * Errors that no retry will cure: the server refuses us (credentials, ACLs), the request itself
 * (a bad filter), or the feature. Everything else — the server unavailable or restarting
 * (UnavailableError, CancelledError), a leader change (NotLeaderError), deadlines, network
 * failures the client did not classify — is a dropped subscription, worth resubscribing.
 */
const PERMANENT: ReadonlySet<ErrorType> = new Set([
  ErrorType.ACCESS_DENIED,
  ErrorType.INVALID_ARGUMENT,
  ErrorType.UNSUPPORTED,
]);

/** Whether a subscription that failed with `error` should subscribe again. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error) || !isCommandError(error)) return true;
  return !PERMANENT.has(error.type);
}
