import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS_PER_CLAIM } from './claim-scripts';
import { ensureEventFile } from './generate-events';
import { numberSetting } from './settings';

/** The shared data set: BENCH_CLAIMS claims × 10 events made by the decider, in one reusable file. */
export interface EventFile {
  path: string;
  claims: number;
  events: number;
  /** Seconds spent generating it now; null when an earlier run's file was reused. */
  generatedSeconds: number | null;
}

/**
 * The event file the rebuild, dashboard and verify benchmarks share (BENCH_CLAIMS, default 100,000
 * claims = 1,000,000 events; BENCH_DIR, default bench/data), generated on first use (about a minute).
 */
export async function benchEventFile(): Promise<EventFile> {
  const claims = numberSetting('BENCH_CLAIMS', 100_000);
  const dir = path.resolve(process.env.BENCH_DIR ?? path.join('bench', 'data'));
  mkdirSync(dir, { recursive: true });
  // v2: events in the order they happen (claims interleaved as in a live store), not claim window by window.
  const file = path.join(dir, `events-${claims}-claims-v2.sqlite`);
  const started = performance.now();
  const generated = await ensureEventFile(file, claims, (events) => {
    if (events % 100_000 === 0) process.stderr.write(`generating events: ${events}\n`);
  });
  const generatedSeconds = generated ? Math.round((performance.now() - started) / 100) / 10 : null;
  return { path: file, claims, events: claims * COMMANDS_PER_CLAIM, generatedSeconds };
}
