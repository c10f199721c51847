import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allProjections, readModelEntities } from '../projections';
import type { EventFile } from './event-file';
import { rebuildInChild } from './rebuild';

const FILES = ['events.sqlite', 'read-models.sqlite'];
const STAMP = 'read-models.stamp';

/**
 * A data directory with the shared event file and read models built from it (by the rebuild, in a
 * child process), fresh for each run: the background commands write to it. The built pair is kept
 * beside it (`dashboard-base-<claims>`) and copied, so only the first run builds — and a run after
 * the read models' tables, indexes or projection versions changed (the base's stamp differs).
 */
export async function freshDashboardData(file: EventFile, dataDir: string): Promise<void> {
  const base = path.join(path.dirname(file.path), `dashboard-base-${file.claims}`);
  const stamp = readModelsStamp();
  const stampFile = path.join(base, STAMP);
  const current = FILES.every((name) => existsSync(path.join(base, name))) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (!current) {
    process.stderr.write('dashboard: building read models for the data set (once per read-model schema)…\n');
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    copyFileSync(file.path, path.join(base, 'events.sqlite'));
    await rebuildInChild(path.join(base, 'events.sqlite'), path.join(base, 'read-models.sqlite'), 5_000);
    writeFileSync(stampFile, stamp);
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

/** A digest of what the read models' files depend on: every entity's columns and indexes, every projection's version. */
function readModelsStamp(): string {
  const entities = readModelEntities.map(({ meta }) => ({
    table: meta.tableName,
    columns: Object.entries(meta.properties).map(([name, property]) => [name, String(property.type), property.nullable ?? false]),
    indexes: meta.indexes,
  }));
  const versions = allProjections.map(({ name, version }) => [name, version]);
  return createHash('sha256').update(JSON.stringify({ entities, versions })).digest('hex');
}
