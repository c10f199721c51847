/**
 * Runs the benchmarks: `npm run bench` runs every one, `npm run bench -- <name> [<name>…]` the ones
 * named (builds first, then `node dist/bench/run.js`). Each prints a table and writes
 * bench/results/<name>.json. Benchmarks give figures, not pass/fail.
 */
import { main as commands } from './commands';
import { main as dashboard } from './dashboard';
import { main as rebuild } from './rebuild';
import { main as subscribe } from './subscribe';
import { main as verify } from './verify';

const BENCHMARKS: Record<string, () => Promise<void>> = { commands, dashboard, rebuild, subscribe, verify };

async function run(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')}\nusage: npm run bench [-- <name>…]\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    process.stderr.write(`\n=== ${name} ===\n`);
    await BENCHMARKS[name]();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
