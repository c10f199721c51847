/** The answer of a rate limit: go ahead, or wait this many seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before the full ones (idle callers) are forgotten. */
const PRUNE_AT = 10_000;

/**
 * A token bucket per key (a token id): `perMinute` operations at once, refilled evenly over a
 * minute. In memory, per process: several API processes each allow `perMinute` (say so in README).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one operation from `key`'s bucket, or says how long until one is there. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      this.buckets.set(key, { tokens: bucket.tokens - 1, at: now });
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    const msPerToken = 60_000 / this.perMinute;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000)) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) {
      if (this.buckets.size >= PRUNE_AT) this.prune(now);
      return { tokens: this.perMinute, at: now };
    }
    const tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    return { tokens, at: now };
  }

  /** Forgets buckets that are full again: forgetting them changes no answer. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.perMinute) this.buckets.delete(key);
    }
  }
}
