/**
 * Runs one benchmark: `npm run bench -- <name>` (builds, then `node dist/bench/run.js <name>`).
 * Each prints a table and writes bench/results/<name>.json. Benchmarks give figures, not pass/fail.
 */
import { main as rebuild } from './rebuild';

const BENCHMARKS: Record<string, () => Promise<void>> = { rebuild };

async function run(name: string | undefined): Promise<void> {
  const benchmark = name ? BENCHMARKS[name] : undefined;
  if (!benchmark) {
    process.stderr.write(`usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  await benchmark();
}

run(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
