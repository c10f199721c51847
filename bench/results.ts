import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `results` to bench/results/<name>.json (relative to the working directory: run from the project root). */
export function writeResults(name: string, results: object): string {
  const dir = path.resolve('bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwritten: ${path.relative(process.cwd(), file)}\n`);
  return file;
}

/** Prints `results` as a two-column table of dotted keys and values (arrays on one line). */
export function printTable(results: object): void {
  const rows = flatten(results);
  const width = Math.max(...rows.map(([key]) => key.length));
  process.stdout.write(`\n${rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n')}\n`);
}

function flatten(value: object, prefix = ''): Array<[string, string]> {
  return Object.entries(value).flatMap(([key, inner]): Array<[string, string]> => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(inner) && inner.some((item) => item !== null && typeof item === 'object')) {
      return inner.flatMap((item, i) => flatten({ [i]: item }, name));
    }
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return flatten(inner as object, name);
    return [[name, Array.isArray(inner) ? inner.join(' ') : String(inner)]];
  });
}
