import type { MikroORM } from '@mikro-orm/core';
import { ProjectionRunner } from '../../infra/projections/runner';
import {
  allProjections,
  ClaimEvidenceSchema,
  ClaimSummarySchema,
  encodeClaimCursor,
  findClaimPage,
  findClaimSummariesByIds,
  findEvidenceByClaimIds,
  type ClaimSummaryFilter,
  type ClaimSummaryRow,
} from '../../projections';
import { claimIdOf } from '../support/projection-fixtures';
import { tempDirs } from '../support/projection-db';
import { MemoryEventStore } from '../support/projection-memory-store';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels } from '../support/read-model-backend';

/**
 * The claims list, the summaries by id and the evidence are read in hand-written SQL (prepared
 * once per connection on SQLite). These tests hold that path to MikroORM's own reading of the same
 * rows (`em.find`, the path it replaced) and to the filter's meaning, on every backend.
 */
const CLAIMS = 60;
const NAMESPACE = 0x5e1;
const dirs = tempDirs();
let orm: MikroORM;
/** Every summary as MikroORM hydrates it: the reference. */
let reference: ClaimSummaryRow[];

beforeAll(async () => {
  const store = new MemoryEventStore();
  orm = await openTestReadModels(dirs.make(), 'list-sql');
  await appendSteps(store, scenarioSteps(CLAIMS, { namespace: NAMESPACE, seed: 5 }));
  await new ProjectionRunner({ store, orm, projections: allProjections, batchSize: 50 }).catchUp();
  reference = (await orm.em.fork().find(ClaimSummarySchema, {}, { disableIdentityMap: true })).map((row) => ({ ...row }));
});
afterAll(async () => {
  await orm.close();
  dirs.cleanup();
});

const allIds = () => Array.from({ length: CLAIMS }, (_, n) => claimIdOf(n, NAMESPACE));

function inListOrder(rows: readonly ClaimSummaryRow[]): ClaimSummaryRow[] {
  return [...rows].sort((a, b) => (a.filedAt === b.filedAt ? (a.id < b.id ? 1 : -1) : a.filedAt < b.filedAt ? 1 : -1));
}

/** What each filter field means, as a predicate over a row. */
const FIELDS: Array<{ name: string; filter: ClaimSummaryFilter; keep: (row: ClaimSummaryRow) => boolean }> = [
  { name: 'status', filter: { status: ['REJECTED', 'CLOSED', 'UNDER_REVIEW'] }, keep: (r) => ['REJECTED', 'CLOSED', 'UNDER_REVIEW'].includes(r.status) },
  { name: 'level', filter: { escalationLevel: ['CONSUMER_ASSOCIATION', 'REGULATOR', 'NONE'] }, keep: (r) => ['CONSUMER_ASSOCIATION', 'REGULATOR', 'NONE'].includes(r.escalationLevel) },
  { name: 'platform', filter: { platformId: 'yunduan-kapu' }, keep: (r) => r.platformId === 'yunduan-kapu' },
  { name: 'claimant', filter: { claimantId: 'buyer-wang-fang' }, keep: (r) => r.claimantId === 'buyer-wang-fang' },
  { name: 'assignee', filter: { assignedTo: 'agent-qian-feng' }, keep: (r) => r.assignedTo === 'agent-qian-feng' },
  { name: 'late', filter: { filedLate: false }, keep: (r) => !r.filedLate },
  { name: 'overdue', filter: { overdue: false }, keep: (r) => !r.overdue },
  { name: 'from', filter: { filedFrom: '2025-05-01T12:00:00+08:00' }, keep: (r) => r.filedAt >= '2025-05-01T04:00:00.000Z' },
  { name: 'to', filter: { filedTo: '2025-05-02T00:00:00.000Z' }, keep: (r) => r.filedAt <= '2025-05-02T00:00:00.000Z' },
];

/** Every combination of the filter fields (2^9), each with the reference's answer. */
function everyCombination() {
  return Array.from({ length: 2 ** FIELDS.length }, (_, mask) => {
    const chosen = FIELDS.filter((_, bit) => mask & (1 << bit));
    return {
      name: chosen.map((field) => field.name).join('+') || 'none',
      filter: Object.assign({}, ...chosen.map((field) => field.filter)) as ClaimSummaryFilter,
      keep: (row: ClaimSummaryRow) => chosen.every((field) => field.keep(row)),
    };
  });
}

describe('the claims list read in SQL', () => {
  it('reads every column of a summary exactly as MikroORM hydrates it', async () => {
    const rows = await findClaimSummariesByIds(orm.em.fork(), [...allIds(), claimIdOf(999, NAMESPACE), allIds()[0]]);
    const byId = (a: ClaimSummaryRow, b: ClaimSummaryRow) => (a.id < b.id ? -1 : 1);
    expect(rows.sort(byId)).toEqual([...reference].sort(byId));
    // The data must exercise the conversions: both booleans, nulls and set values.
    expect(new Set(reference.map((row) => row.filedLate))).toEqual(new Set([true, false]));
    expect(reference.some((row) => row.assignedTo === null) && reference.some((row) => row.assignedTo !== null)).toBe(true);
  });

  it('reads every piece of evidence exactly as MikroORM does, in the order it was added', async () => {
    const expected = (
      await orm.em.fork().find(ClaimEvidenceSchema, {}, { orderBy: { claimId: 'asc', position: 'asc' }, disableIdentityMap: true })
    ).map((row) => ({ ...row }));
    expect(await findEvidenceByClaimIds(orm.em.fork(), allIds())).toEqual(expected);
    // Positions of different lengths within one claim: sorted as text, "102" would come before "98".
    const lengths = new Map<string, Set<number>>();
    for (const row of expected) lengths.set(row.claimId, (lengths.get(row.claimId) ?? new Set()).add(row.position.length));
    expect([...lengths.values()].some((set) => set.size > 1)).toBe(true);
  });

  it('answers every combination of filters with the rows and the total count the filter means', async () => {
    let matched = 0;
    for (const { name, filter, keep } of everyCombination()) {
      const expected = inListOrder(reference.filter(keep));
      const page = await findClaimPage(orm.em.fork(), { filter, first: 100 });
      expect({ name, ids: page.rows.map((row) => row.id), totalCount: page.totalCount, hasNextPage: page.hasNextPage }).toEqual({
        name,
        ids: expected.map((row) => row.id),
        totalCount: expected.length,
        hasNextPage: false,
      });
      if (expected.length > 0 && expected.length < CLAIMS) matched += 1;
    }
    // Enough combinations select some rows but not all, or the comparison proves little.
    expect(matched).toBeGreaterThan(100);
  });

  it('pages through a filtered list across claims filed at the same instant, a row at a time and in larger pages', async () => {
    const expected = inListOrder(reference.filter((row) => row.status !== 'WITHDRAWN'));
    const filedAts = expected.map((row) => row.filedAt);
    expect(new Set(filedAts).size).toBeLessThan(filedAts.length);
    const filter = { status: ['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT', 'REJECTED', 'RESOLVED', 'CLOSED'] };
    for (const first of [1, 3, 50]) {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await findClaimPage(orm.em.fork(), { filter, first, after });
        expect(page.totalCount).toBe(expected.length);
        seen.push(...page.rows.map((row) => row.id));
        if (!page.hasNextPage) break;
        after = encodeClaimCursor(page.rows.at(-1)!);
      }
      expect(seen).toEqual(expected.map((row) => row.id));
    }
  });
});
