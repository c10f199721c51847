import type { MikroORM } from '@mikro-orm/core';
import { loadCheckpoints, saveCheckpoints } from '../../infra/projections/checkpoint-store';
import {
  ClaimEvidenceSchema,
  ClaimSummarySchema,
  encodeClaimCursor,
  findClaimPage,
  findEvidenceByClaimIds,
  type ClaimEvidenceRow,
  type ClaimSummaryRow,
} from '../../projections';
import { tempDirs } from '../support/projection-db';
import { openTestReadModels, readModelBackend } from '../support/read-model-backend';

/**
 * What SQLite does without being asked, PostgreSQL must do too: byte-order text (the list's keyset
 * pagination and the evidence order rely on it), case-sensitive filters, exact 64-bit positions.
 * Runs on the backend of the jest project.
 */
const dirs = tempDirs();
let orm: MikroORM;

/** Ids whose order differs between byte order and a language's collation (case, punctuation, CJK). */
const IDS = ['a-2', 'B-1', 'b_1', 'b-1', 'Z', 'z', '中-1', '0'];
const SAME_INSTANT = '2025-06-01T12:00:00.000Z';

function summary(id: string, platformId: string, filedAt = SAME_INSTANT): ClaimSummaryRow {
  return {
    id, status: 'FILED', escalationLevel: 'NONE', revision: 0, claimantId: 'buyer-parity', platformId,
    orderReference: `order-${id}`, product: '会员月卡', amountPaidAmount: 1990, amountPaidCurrency: 'CNY',
    remedyRequestedKind: 'FULL_REFUND', remedyRequestedAmount: null, remedyRequestedCurrency: null,
    remedyRequestedExtensionHours: null, remedyGrantedKind: null, remedyGrantedAmount: null,
    remedyGrantedCurrency: null, remedyGrantedExtensionHours: null, remedyDelivered: false,
    incidentAt: filedAt, filedAt, filingDeadline: filedAt, filedLate: false, description: '掉线',
    assignedTo: null, rejectionReason: null, resubmissionCount: 0, lastEventAt: filedAt, lastPosition: '1',
    policyPlatformId: null, policyVersion: null, deadlineRound: 0, deadlineClock: null, responseDueAt: null,
    resolutionDueAt: null, responseOverdue: false, resolutionOverdue: false, overdue: false, deadlinesPaused: false,
    compensatedByOutageId: null,
  };
}

function evidence(id: string, claimId: string, position: string): ClaimEvidenceRow {
  return { id, claimId, kind: 'SCREENSHOT', description: '截图', sha256: 'f'.repeat(64), uri: null, capturedAt: null, addedAt: SAME_INSTANT, revision: 1, position };
}

/** JavaScript's `<` on these strings is code-point order, which is UTF-8 byte order. */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  orm = await openTestReadModels(dirs.make(), 'parity');
  const em = orm.em.fork();
  await em.upsertMany(ClaimSummarySchema, [...IDS.map((id) => summary(id, 'shop')), summary('late', 'Shop', '2025-06-01T12:00:00.001Z')]);
  await em.upsertMany(ClaimEvidenceSchema, [evidence('e3', 'B-1', '10'), evidence('e1', 'a-2', '9'), evidence('e2', 'B-1', '9')]);
});
afterAll(async () => {
  await orm.close();
  dirs.cleanup();
});

describe(`read models on ${readModelBackend}`, () => {
  it('lists claims filed at the same instant in byte order of their ids, on every page', async () => {
    const expected = [...IDS].sort(byteOrder).reverse();
    const page = await findClaimPage(orm.em.fork(), { filter: { platformId: 'shop' }, first: 100 });
    expect(page.rows.map((row) => row.id)).toEqual(expected);

    const walked: string[] = [];
    let after: string | undefined;
    do {
      const next = await findClaimPage(orm.em.fork(), { filter: { platformId: 'shop' }, first: 3, after });
      walked.push(...next.rows.map((row) => row.id));
      after = next.hasNextPage ? encodeClaimCursor(next.rows[next.rows.length - 1]) : undefined;
    } while (after);
    expect(walked).toEqual(expected);
  });

  it('filters text case-sensitively', async () => {
    const upper = await findClaimPage(orm.em.fork(), { filter: { platformId: 'Shop' } });
    expect(upper.rows.map((row) => row.id)).toEqual(['late']);
    expect((await findClaimPage(orm.em.fork(), { filter: { platformId: 'SHOP' } })).totalCount).toBe(0);
  });

  it('orders evidence by claim id in byte order, then by position as a number', async () => {
    const rows = await findEvidenceByClaimIds(orm.em.fork(), ['a-2', 'B-1']);
    expect(rows.map((row) => [row.claimId, row.position])).toEqual([['B-1', '9'], ['B-1', '10'], ['a-2', '9']]);
  });

  // better-sqlite3 reads integers as JavaScript numbers: SQLite is exact up to 2^53 - 1, far beyond
  // any embedded store. PostgreSQL's bigint comes back as a string, exact to 2^63 - 1.
  const largest = readModelBackend === 'postgresql' ? 2n ** 63n - 1n : BigInt(Number.MAX_SAFE_INTEGER);

  it(`keeps positions exact up to ${largest}`, async () => {
    const position = largest;
    await orm.em.fork().transactional((em) => saveCheckpoints(em, new Map([['parity', { version: 1, position }]])));
    const stored = await loadCheckpoints(orm.em.fork(), ['parity']);
    expect(stored.get('parity')).toEqual({ version: 1, position });
  });
});
