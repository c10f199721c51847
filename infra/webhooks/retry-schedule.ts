/** When failed deliveries are tried again. */
export interface RetryPolicy {
  /** Delay after the first failure, ms; doubled after each further one. */
  baseDelayMs: number;
  /** Longest delay between two attempts, ms. */
  maxDelayMs: number;
  /** Retries stop this long after the round's first attempt, ms; the last attempt is made at its end. */
  windowMs: number;
}

/**
 * When to try a delivery again after its `attempts`-th failed attempt, or null when the window
 * is over (the delivery is then FAILED). Exponential backoff with "equal jitter" (between half and
 * all of the delay), so receivers coming back are not hit by every sender at the same instant.
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, firstAttemptAt: Date, now: Date, random: () => number): Date | null {
  const windowEnd = firstAttemptAt.getTime() + policy.windowMs;
  if (now.getTime() >= windowEnd) return null;
  const exponential = policy.baseDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(policy.maxDelayMs, exponential);
  const jittered = delay / 2 + random() * (delay / 2);
  return new Date(Math.min(now.getTime() + jittered, windowEnd));
}
