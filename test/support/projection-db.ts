import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';

/** Temp folders for test databases, removed by `cleanup()`. */
export function tempDirs(prefix = 'recourse-read-') {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of the read-model tables, as stored (raw columns), in primary-key order. */
export async function dumpReadModels(orm: MikroORM): Promise<Record<string, unknown[]>> {
  const connection = orm.em.fork().getConnection();
  return {
    claim_summary: await connection.execute('select * from claim_summary order by id'),
    claim_evidence: await connection.execute('select * from claim_evidence order by id'),
  };
}

/** The checkpoint rows, by projection name. */
export async function dumpCheckpoints(orm: MikroORM): Promise<unknown[]> {
  return orm.em.fork().getConnection().execute('select name, version, position from projection_checkpoint order by name');
}
