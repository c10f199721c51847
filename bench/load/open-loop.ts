import { LatencyRecorder, type LatencySummary } from './latency';

/** One constant-arrival-rate run. */
export interface OpenLoopOptions {
  /** Requests started per second, whatever the answers' speed (an open model). */
  rate: number;
  /** Seconds at the rate before measuring: JIT, caches, connections. */
  warmupSeconds: number;
  /** Seconds measured. */
  seconds: number;
  /** Sends request `n`; resolves when its answer is complete, rejects when it failed. */
  send(n: number): Promise<void>;
}

/** What an open-loop run measured: only requests scheduled inside the measured window count. */
export interface OpenLoopResult {
  rateAsked: number;
  seconds: number;
  scheduled: number;
  completed: number;
  failed: number;
  /** Answers received per second for the requests scheduled in the window. */
  throughput: number;
  /** Milliseconds from each request's *scheduled* start to its answer. */
  latencyMs: LatencySummary;
  /** How late the generator itself started requests (its own backlog), ms: large values mean it was the bottleneck. */
  sendLagMs: LatencySummary;
  firstErrors: string[];
}

/**
 * Starts requests at a constant rate and measures each from the moment it was due, not from when it
 * was sent: if the server (or the generator) falls behind, the waiting shows in the latency instead
 * of quietly lowering the rate (no coordinated omission). Ticks every millisecond and starts every
 * request due by then.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, warmupSeconds, seconds } = options;
  const total = Math.round(rate * (warmupSeconds + seconds));
  const firstMeasured = Math.round(rate * warmupSeconds);
  const latency = new LatencyRecorder();
  const sendLag = new LatencyRecorder();
  const errors: string[] = [];
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let next = 0;
  let windowEnd = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && started + (next * 1000) / rate <= now) {
      const n = next++;
      const due = started + (n * 1000) / rate;
      const measured = n >= firstMeasured;
      if (measured) sendLag.record(now - due);
      const request = options.send(n).then(
        () => measured && latency.record(performance.now() - due),
        (error: unknown) => {
          if (!measured) return;
          failed++;
          if (errors.length < 5) errors.push(String((error as Error)?.message ?? error));
        },
      );
      const tracked = request.then(() => {
        inFlight.delete(tracked);
        if (measured) windowEnd = Math.max(windowEnd, performance.now());
      });
      inFlight.add(tracked);
    }
    await tick();
  }
  await Promise.all(inFlight);
  const scheduled = total - firstMeasured;
  const measuredSeconds = (windowEnd - (started + warmupSeconds * 1000)) / 1000;
  return {
    rateAsked: rate,
    seconds,
    scheduled,
    completed: latency.count,
    failed,
    throughput: Math.round(latency.count / Math.max(measuredSeconds, seconds)),
    latencyMs: latency.summary(),
    sendLagMs: sendLag.summary(),
    firstErrors: errors,
  };
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
