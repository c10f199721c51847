import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The script of a worker thread: the compiled `name` beside the module in `dir`. Under ts-jest,
 * which runs the TypeScript sources, there is no compiled file beside it, so the one under dist/
 * (`npm run build`) is used instead.
 */
export function compiledWorkerFile(dir: string, name: string): string {
  const beside = path.join(dir, name);
  if (existsSync(beside)) return beside;
  // From the sources this file is <root>/infra/worker-file.ts.
  const root = path.resolve(__dirname, '..');
  return path.join(root, 'dist', path.relative(root, dir), name);
}
