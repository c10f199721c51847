/** Latency figures in milliseconds, rounded to what a table needs. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Collects latencies (ms) and summarises them; every sample is kept, so percentiles are exact. */
export class LatencyRecorder {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    const mean = sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length);
    return {
      count: sorted.length,
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      p999: round(at(0.999)),
      max: round(sorted.length === 0 ? 0 : sorted[sorted.length - 1]),
      mean: round(mean),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
