import { nextAttemptAt, type RetryPolicy } from '../../../infra/webhooks/retry-schedule';

const HOUR = 3_600_000;
const DEFAULTS: RetryPolicy = { baseDelayMs: 5_000, maxDelayMs: HOUR, windowMs: 24 * HOUR };
const START = new Date('2026-11-24T00:00:00.000Z');

/** Plays a receiver that never answers: every attempt fails at once. */
function failForever(random: () => number): Date[] {
  const attempts = [START];
  for (;;) {
    const next = nextAttemptAt(DEFAULTS, attempts.length, START, attempts.at(-1)!, random);
    if (next === null) return attempts;
    attempts.push(next);
  }
}

describe('the webhook retry schedule', () => {
  it('doubles the delay after each failure, between half and all of it (jitter)', () => {
    const low = nextAttemptAt(DEFAULTS, 3, START, START, () => 0)!;
    const high = nextAttemptAt(DEFAULTS, 3, START, START, () => 0.999_999)!;
    expect(low.getTime() - START.getTime()).toBe(10_000);
    expect(high.getTime() - START.getTime()).toBeCloseTo(20_000, -1);
    expect(nextAttemptAt(DEFAULTS, 1, START, START, () => 1)!.getTime() - START.getTime()).toBe(5_000);
  });

  it('never waits longer than the longest delay', () => {
    const next = nextAttemptAt(DEFAULTS, 30, START, START, () => 1)!;
    expect(next.getTime() - START.getTime()).toBe(HOUR);
  });

  it.each([0, 0.5, 1])('keeps retrying for 24 hours, the last attempt at the end of the window (jitter %p)', (jitter) => {
    const attempts = failForever(() => jitter);
    expect(attempts.at(-1)!.getTime() - START.getTime()).toBe(24 * HOUR);
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.length).toBeLessThan(60);
    const gaps = attempts.slice(1).map((at, index) => at.getTime() - attempts[index].getTime());
    expect(gaps.every((gap) => gap > 0 && gap <= HOUR)).toBe(true);
  });

  it('gives up (null) once the window is over', () => {
    expect(nextAttemptAt(DEFAULTS, 40, START, new Date(START.getTime() + 24 * HOUR), () => 0.5)).toBeNull();
  });
});
