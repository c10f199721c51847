import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { EventFile } from './event-file';
import { rebuildInChild } from './rebuild';

const FILES = ['events.sqlite', 'read-models.sqlite'];

/**
 * A data directory with the shared event file and read models built from it (by the rebuild, in a
 * child process), fresh for each run: the background commands write to it. The built pair is kept
 * beside it (`dashboard-base-<claims>`) and copied, so only the first run builds.
 */
export async function freshDashboardData(file: EventFile, dataDir: string): Promise<void> {
  const base = path.join(path.dirname(file.path), `dashboard-base-${file.claims}`);
  if (!FILES.every((name) => existsSync(path.join(base, name)))) {
    process.stderr.write('dashboard: building read models for the data set (once)…\n');
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    copyFileSync(file.path, path.join(base, 'events.sqlite'));
    await rebuildInChild(path.join(base, 'events.sqlite'), path.join(base, 'read-models.sqlite'), 5_000);
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  for (const name of FILES) {
    for (const suffix of ['', '-wal']) {
      const from = path.join(base, `${name}${suffix}`);
      if (existsSync(from)) copyFileSync(from, path.join(dataDir, `${name}${suffix}`));
    }
  }
}
