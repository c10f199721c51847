import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MikroORM } from '@mikro-orm/core';
import { openReadModels } from '../../infra/database/read-models';
import { rebuildProjections } from '../../infra/projections/rebuild';
import { ProjectionRunner } from '../../infra/projections/runner';
import { allProjections, claimPageStatements, findClaimPage, type ClaimSummaryFilter } from '../../projections';
import { DUE_DEADLINES_SQL } from '../../projections/claim-summary/deadline-queries';
import { tempDirs } from '../support/projection-db';
import { MemoryEventStore } from '../support/projection-memory-store';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { readModelBackend } from '../support/read-model-backend';

/**
 * How SQLite runs the claims list (the embedded default; PostgreSQL plans by its own statistics):
 * statistics exist once the read models are opened, and every dashboard view reads its page's ids
 * and its count from an index alone, never sorting or counting whole rows.
 */
const sqliteOnly = readModelBackend === 'sqlite' ? describe : describe.skip;

/** The support dashboard's views (bench/load/dashboard-queries.ts) and a few more. */
const VIEWS: Array<[string, ClaimSummaryFilter]> = [
  ['newest', {}],
  ["one platform's open claims", { platformId: 'yunduan-kapu', status: ['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT', 'REJECTED', 'RESOLVED'] }],
  ['escalated to 12315 or higher', { escalationLevel: ['CONSUMER_ASSOCIATION', 'REGULATOR', 'COURT'] }],
  ["an agent's closed claims", { assignedTo: 'agent-qian-feng', status: ['CLOSED'] }],
  ['filed late on one platform', { platformId: 'yunduan-kapu', filedLate: true }],
  ['one week', { filedFrom: '2025-05-01T00:00:00.000Z', filedTo: '2025-05-08T00:00:00.000Z' }],
  ['a list of statuses', { status: ['REJECTED', 'WITHDRAWN'] }],
  ["a claimant's own claims", { claimantId: 'buyer-wang-fang' }],
  ['overdue', { overdue: true }],
];

/** Each projected claim is copied this often (40 → 20,000 rows): plans for tiny tables differ from real ones. */
const COPIES = 500;

/**
 * Copies of every claim summary, each a day apart: the same mix of statuses, levels, platforms and
 * agents at a size where the planner's choices matter.
 */
function multiplyClaims(path: string, copies: number): void {
  const db = new Database(path);
  try {
    const columns = (db.prepare("select name from pragma_table_info('claim_summary')").all() as { name: string }[]).map((row) => `"${row.name}"`);
    const copied = columns.map((column) =>
      column === '"id"'
        ? `source."id" || '-' || copy.n`
        : column === '"filed_at"'
          ? `strftime('%Y-%m-%dT%H:%M:%fZ', "filed_at", '-' || copy.n || ' days')`
          : column,
    );
    db.exec('create temp table source as select * from claim_summary');
    db.prepare(
      `with recursive copy(n) as (select 1 union all select n + 1 from copy where n < ?)
       insert into claim_summary (${columns.join(', ')}) select ${copied.join(', ')} from source, copy`,
    ).run(copies - 1);
  } finally {
    db.close();
  }
}

sqliteOnly('the claims list on SQLite', () => {
  const dirs = tempDirs();
  let path: string;
  let orm: MikroORM;
  let db: Database.Database;
  const store = new MemoryEventStore();

  beforeAll(async () => {
    path = join(dirs.make(), 'plans.db');
    const first = await openReadModels({ path });
    await appendSteps(store, scenarioSteps(40, { namespace: 0x9a, seed: 3 }));
    await new ProjectionRunner({ store, orm: first, projections: allProjections, batchSize: 50 }).catchUp();
    await first.close();
    multiplyClaims(path, COPIES);
    // Opened again: statistics gathered now that there are rows, and the file still opens with them.
    orm = await openReadModels({ path });
    db = new Database(path, { readonly: true });
  });
  afterAll(async () => {
    db.close();
    await orm.close();
    dirs.cleanup();
  });

  it('gives the query planner statistics about the claim summaries when the read models are opened', () => {
    const stats = db.prepare("select idx from sqlite_stat1 where tbl = 'claim_summary'").all() as { idx: string }[];
    expect(stats.map((row) => row.idx)).toEqual(expect.arrayContaining(['claim_summary_order', 'claim_summary_assignee', 'claim_summary_platform']));
  });

  it.each(VIEWS)('reads the page ids and the count of %s from an index alone', async (_, filter) => {
    const { page, count } = claimPageStatements({ filter, first: 50 });
    const pagePlan = planOf(page.sql, page.params);
    const countPlan = planOf(count.sql, count.params);
    // The page's rows are looked up by id, at most 51 of them; everything else from an index.
    expect(pagePlan.filter((step) => /claim_summary/.test(step) && !/COVERING INDEX|INDEX sqlite_autoindex_claim_summary_1 \(id=\?\)/.test(step))).toEqual([]);
    expect(countPlan.filter((step) => /claim_summary/.test(step) && !/COVERING INDEX/.test(step))).toEqual([]);
    // And the statements answer (their results are checked against the reference in claim-list-sql.test.ts).
    await expect(findClaimPage(orm.em.fork(), { filter, first: 50 })).resolves.toBeDefined();
  });

  it('reads through a connection with a 64 MB page cache, and writes through one with the default (its RSS stays flat in a rebuild)', async () => {
    const cacheOf = async (type: 'read' | 'write') => {
      const [{ cache_size }] = await orm.em.getConnection(type).execute<{ cache_size: number }[]>('pragma cache_size');
      return cache_size;
    };
    expect(await cacheOf('read')).toBe(-64 * 1024);
    // better-sqlite3's build sets a default of 16 MB.
    expect(await cacheOf('write')).toBe(-16000);
  });

  it("finds the deadline processor's due deadlines through the due-time indexes, never reading every claim", () => {
    const now = '2025-12-31T00:00:00.000Z';
    const plan = planOf(DUE_DEADLINES_SQL, [false, now, 'CLOSED', 'WITHDRAWN', false, now, 'CLOSED', 'WITHDRAWN', 100]);
    expect(plan.filter((step) => /claim_summary/.test(step) && !/claim_summary_(response|resolution)_due|sqlite_autoindex_claim_summary_1 \(id=\?\)/.test(step))).toEqual([]);
  });

  it('gathers statistics again for the tables a rebuild swaps in', async () => {
    const statsOf = () => (db.prepare("select idx from sqlite_stat1 where tbl = 'claim_summary'").all() as { idx: string }[]).map((row) => row.idx);
    const writable = new Database(path);
    writable.exec("delete from sqlite_stat1 where tbl = 'claim_summary'");
    writable.close();
    expect(statsOf()).toEqual([]);

    await rebuildProjections({ store, orm, projections: allProjections, batchSize: 100 });

    expect(statsOf()).toEqual(expect.arrayContaining(['claim_summary_order', 'claim_summary_status', 'claim_summary_platform_late']));
  });

  function planOf(sql: string, params: unknown[]): string[] {
    const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
    return (db.prepare(`explain query plan ${sql}`).all(values) as { detail: string }[]).map((row) => row.detail);
  }
});
