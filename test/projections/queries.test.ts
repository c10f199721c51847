import type { MikroORM } from '@mikro-orm/core';
import { createStatementCounter } from '../../infra/database/statement-counter';
import { ProjectionRunner } from '../../infra/projections/runner';
import {
  allProjections,
  encodeClaimCursor,
  findClaimPage,
  findClaimSummariesByIds,
  findEvidenceByClaimIds,
  InvalidCursorError,
  type ClaimSummaryFilter,
  type ClaimSummaryRow,
} from '../../projections';
import { rowSqlOf } from '../../projections/row-sql';
import { claimStreamName } from '../../services/claims/streams';
import { claimEvents, claimIdOf, toEventData } from '../support/projection-fixtures';
import { tempDirs } from '../support/projection-db';
import { MemoryEventStore } from '../support/projection-memory-store';
import { appendSteps, scenarioSteps } from '../support/projection-scenarios';
import { openTestReadModels } from '../support/read-model-backend';

const CLAIMS = 50;
const dirs = tempDirs();
const counter = createStatementCounter();
const store = new MemoryEventStore();
let orm: MikroORM;
let runner: ProjectionRunner;
let everyRow: ClaimSummaryRow[];

beforeAll(async () => {
  orm = await openTestReadModels(dirs.make(), 'read', { statementCounter: counter });
  runner = new ProjectionRunner({ store, orm, projections: allProjections, batchSize: 64 });
  await appendSteps(store, scenarioSteps(CLAIMS, { namespace: 0xabc, seed: 21 }));
  await runner.catchUp();
  everyRow = await findClaimSummariesByIds(orm.em.fork(), ids(CLAIMS));
});
afterAll(async () => {
  await orm.close();
  dirs.cleanup();
});

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, n) => claimIdOf(n, 0xabc));
}

/** The list order: filedAt DESC, id DESC. */
function inListOrder(rows: readonly ClaimSummaryRow[]): string[] {
  return [...rows].sort((a, b) => (a.filedAt === b.filedAt ? b.id.localeCompare(a.id) : b.filedAt.localeCompare(a.filedAt))).map((row) => row.id);
}

async function walkPages(filter: ClaimSummaryFilter, first: number, visibleToClaimantId?: string): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = await findClaimPage(orm.em.fork(), { filter, first, after, visibleToClaimantId });
    seen.push(...result.rows.map((row) => row.id));
    if (!result.hasNextPage) return seen;
    after = encodeClaimCursor(result.rows[result.rows.length - 1]);
  }
  throw new Error('pagination did not end');
}

describe('read-model queries', () => {
  it('reads a page of claims with their evidence in three statements, whatever the page size', async () => {
    for (const first of [1, 5, 20, 50]) {
      counter.reset();
      const page = await findClaimPage(orm.em.fork(), { first });
      const evidence = await findEvidenceByClaimIds(orm.em.fork(), page.rows.map((row) => row.id));
      expect(page.rows).toHaveLength(first);
      expect(evidence.length).toBeGreaterThanOrEqual(first);
      expect(counter.count).toBe(3);
    }
  });

  it('loads any number of summaries by id in one statement', async () => {
    counter.reset();
    const rows = await findClaimSummariesByIds(orm.em.fork(), [...ids(CLAIMS), claimIdOf(999, 0xabc)]);
    expect(counter.count).toBe(1);
    expect(rows.map((row) => row.id).sort()).toEqual(ids(CLAIMS).sort());
  });

  it('returns evidence grouped by claim, in the order it was added', async () => {
    const evidence = await findEvidenceByClaimIds(orm.em.fork(), ids(CLAIMS));
    const claimIds = evidence.map((row) => row.claimId);
    expect(claimIds).toEqual([...claimIds].sort());
    for (const claimId of new Set(claimIds)) {
      const positions = evidence.filter((row) => row.claimId === claimId).map((row) => BigInt(row.position));
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    }
    expect(evidence.find((row) => row.kind === 'CHAT_TRANSCRIPT')).toMatchObject({ description: '客服聊天记录，承认系统故障' });
  });

  const filters: Array<[string, ClaimSummaryFilter, (row: ClaimSummaryRow) => boolean]> = [
    ['status', { status: ['REJECTED', 'CLOSED'] }, (row) => ['REJECTED', 'CLOSED'].includes(row.status)],
    ['escalation level', { escalationLevel: ['REGULATOR', 'CONSUMER_ASSOCIATION'] }, (row) => ['REGULATOR', 'CONSUMER_ASSOCIATION'].includes(row.escalationLevel)],
    ['platform', { platformId: 'yunduan-kapu' }, (row) => row.platformId === 'yunduan-kapu'],
    ['claimant', { claimantId: 'buyer-wang-fang' }, (row) => row.claimantId === 'buyer-wang-fang'],
    ['assignee', { assignedTo: 'agent-qian-feng' }, (row) => row.assignedTo === 'agent-qian-feng'],
    ['late filing', { filedLate: true }, (row) => row.filedLate],
    ['timely filing', { filedLate: false }, (row) => !row.filedLate],
    ['filing period, offsets included', { filedFrom: '2025-05-01T12:00:00+08:00', filedTo: new Date('2025-05-01T06:59:00.000Z') },
      (row) => row.filedAt >= '2025-05-01T04:00:00.000Z' && row.filedAt <= '2025-05-01T06:59:00.000Z'],
    ['several filters at once', { status: ['WITHDRAWN', 'RESOLVED', 'CLOSED'], platformId: 'kameng-xingchen', filedLate: false },
      (row) => ['WITHDRAWN', 'RESOLVED', 'CLOSED'].includes(row.status) && row.platformId === 'kameng-xingchen' && !row.filedLate],
    ['an empty status list', { status: [] }, () => false],
  ];

  it.each(filters)('filters by %s, paging through every match once in list order', async (_, filter, matches) => {
    const expected = inListOrder(everyRow.filter(matches));
    const first = await findClaimPage(orm.em.fork(), { filter, first: 4 });
    expect(first.totalCount).toBe(expected.length);
    expect(await walkPages(filter, 4)).toEqual(expected);
    if (_ !== 'an empty status list') expect(expected.length).toBeGreaterThan(0);
  });

  it('pages without duplicates or gaps through claims filed at the same instant', async () => {
    const filedAts = everyRow.map((row) => row.filedAt);
    expect(new Set(filedAts).size).toBeLessThan(filedAts.length);
    for (const size of [1, 2, 3, 7, 100]) expect(await walkPages({}, size)).toEqual(inListOrder(everyRow));
  });

  it('shows a claimant only their own claims, whatever the filter asks', async () => {
    const own = inListOrder(everyRow.filter((row) => row.claimantId === 'buyer-li-na'));
    expect(await walkPages({}, 6, 'buyer-li-na')).toEqual(own);
    expect(await walkPages({ claimantId: 'buyer-wang-fang' }, 6, 'buyer-li-na')).toEqual([]);
  });

  it('keeps paging stable while new claims are filed', async () => {
    const page1 = await findClaimPage(orm.em.fork(), { first: 10 });
    const newest = claimIdOf(500, 0xabc);
    const filed = claimEvents(newest, '2025-07-01T00:00:00.000Z').filed();
    await store.appendToStream(claimStreamName(newest), [toEventData(filed, 'late-filing')]);
    await runner.catchUp();
    const page2 = await findClaimPage(orm.em.fork(), { first: 10, after: encodeClaimCursor(page1.rows[9]) });
    expect(page2.totalCount).toBe(CLAIMS + 1);
    expect(page2.rows.map((row) => row.id)).toEqual(inListOrder(everyRow).slice(10, 20));
  });

  it('answers a read while a batch transaction holds the write connection, with the rows as last committed', async () => {
    const [claim] = await findClaimSummariesByIds(orm.em.fork(), [claimIdOf(0, 0xabc)]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inside = new Promise<void>((resolve) => (written = resolve));
    const rolledBack = orm.em.fork().transactional(async (em) => {
      await rowSqlOf(em).run(em, 'update "claim_summary" set "product" = ? where "id" = ?', ['not committed', claim.id]);
      written();
      await held;
      throw new Error('roll back');
    });
    await inside;
    let timer: NodeJS.Timeout | undefined;
    const read = await Promise.race([
      findClaimSummariesByIds(orm.em.fork(), [claim.id]),
      new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), 2_000))),
    ]);
    clearTimeout(timer);
    release();
    await expect(rolledBack).rejects.toThrow('roll back');
    expect(read).toEqual([claim]);
  });

  it('refuses a malformed cursor before running any statement', async () => {
    counter.reset();
    await expect(findClaimPage(orm.em.fork(), { after: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(InvalidCursorError);
    expect(counter.count).toBe(0);
  });
});
