import { createStatementCounter } from '../../infra/database/statement-counter';
import { TestApp, codes } from '../support/api';
import { fileClaimInput, mutation } from '../support/documents';
import { idsOf, newestFirst, readAllPages, readPage, LIST_QUERY, type ListedClaim } from '../support/matrix-list';
import { issueListCast, LIST_SUBJECTS, seedClaimsWithEvidence, seedListClaims, type ListCast } from '../support/matrix-list-seed';
import { expectTimeTravelToMatchEveryClaim } from '../support/time-travel';

const CLAIM_COUNT = 25;
const PAGE_SIZE = 7;

/** The `claims` Relay connection over real HTTP: filters, order, cursors, limits and who sees what. */
describe('the claims list', () => {
  let app: TestApp;
  let cast: ListCast;
  let seeded: ListedClaim[];

  beforeAll(async () => {
    app = await TestApp.start();
    cast = await issueListCast(app);
    seeded = await seedListClaims(app, cast, CLAIM_COUNT);
  });
  afterAll(() => app.stop(true));

  /** What the list must answer for `keep`: those seeded claims, newest filing first. */
  const expectedIds = (keep: (claim: ListedClaim) => boolean = () => true) =>
    newestFirst(seeded.filter(keep)).map((claim) => claim.id);

  it('lists every claim newest filing first (filedAt DESC, then id DESC), with the total count', async () => {
    const page = await readPage(app, cast.agent, { first: 100 });
    expect(page.edges.map((edge) => edge.node)).toEqual(newestFirst(seeded));
    expect(page.totalCount).toBe(CLAIM_COUNT);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  const filters: { name: string; filter: Record<string, unknown>; keep: (claim: ListedClaim) => boolean }[] = [
    {
      name: 'a list of statuses',
      filter: { status: ['REJECTED', 'WITHDRAWN'] },
      keep: (c) => ['REJECTED', 'WITHDRAWN'].includes(c.status),
    },
    { name: 'a single status', filter: { status: ['UNDER_REVIEW'] }, keep: (c) => c.status === 'UNDER_REVIEW' },
    {
      name: 'a list of escalation levels',
      filter: { escalationLevel: ['PLATFORM_MANAGEMENT', 'CONSUMER_ASSOCIATION'] },
      keep: (c) => ['PLATFORM_MANAGEMENT', 'CONSUMER_ASSOCIATION'].includes(c.escalationLevel),
    },
    { name: 'claims never escalated', filter: { escalationLevel: ['NONE'] }, keep: (c) => c.escalationLevel === 'NONE' },
    { name: 'one platform', filter: { platformId: 'taobao-card' }, keep: (c) => c.platformId === 'taobao-card' },
    { name: 'one claimant', filter: { claimantId: LIST_SUBJECTS.buyerB }, keep: (c) => c.claimantId === LIST_SUBJECTS.buyerB },
    { name: 'one assignee', filter: { assignedTo: 'agent-zhao' }, keep: (c) => c.assignedTo === 'agent-zhao' },
    { name: 'late filings', filter: { filedLate: true }, keep: (c) => c.filedLate },
    { name: 'filings in time', filter: { filedLate: false }, keep: (c) => !c.filedLate },
    {
      name: 'all of several filters at once',
      filter: { status: ['FILED'], platformId: 'kameng-shop', claimantId: LIST_SUBJECTS.buyerA },
      keep: (c) => c.status === 'FILED' && c.platformId === 'kameng-shop' && c.claimantId === LIST_SUBJECTS.buyerA,
    },
  ];

  it.each(filters)('narrows the list to $name', async ({ filter, keep }) => {
    const expected = expectedIds(keep);
    // The seed must make this filter mean something: some claims in, some out.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(CLAIM_COUNT);
    const page = await readPage(app, cast.agent, { filter, first: 100 });
    expect(page.edges.map((edge) => edge.node.id)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  it('matches nothing for an empty list of statuses', async () => {
    const page = await readPage(app, cast.agent, { filter: { status: [] }, first: 100 });
    expect(page).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('bounds the filing time with filedFrom and filedTo, both inclusive', async () => {
    const oldestFirst = newestFirst(seeded).reverse();
    const [from, to] = [oldestFirst[5].filedAt, oldestFirst[CLAIM_COUNT - 6].filedAt];
    const within = (c: ListedClaim) => Date.parse(c.filedAt) >= Date.parse(from) && Date.parse(c.filedAt) <= Date.parse(to);
    const bounded = await readPage(app, cast.agent, { filter: { filedFrom: from, filedTo: to }, first: 100 });
    expect(bounded.edges.map((edge) => edge.node.id)).toEqual(expectedIds(within));
    expect(bounded.totalCount).toBeLessThan(CLAIM_COUNT);

    const exactly = await readPage(app, cast.agent, { filter: { filedFrom: from, filedTo: from }, first: 100 });
    expect(exactly.edges.map((edge) => edge.node.id)).toEqual(expectedIds((c) => c.filedAt === from));
    const fromOnly = await readPage(app, cast.agent, { filter: { filedFrom: to }, first: 100 });
    expect(fromOnly.edges.map((edge) => edge.node.id)).toEqual(expectedIds((c) => Date.parse(c.filedAt) >= Date.parse(to)));
  });

  it(`pages through all ${CLAIM_COUNT} claims ${PAGE_SIZE} at a time with no duplicate and no gap`, async () => {
    const pages = await readAllPages(app, cast.agent, { first: PAGE_SIZE });
    expect(pages.map((page) => page.edges.length)).toEqual([7, 7, 7, 4]);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, true, false]);
    expect(pages.map((page) => page.pageInfo.hasPreviousPage)).toEqual([false, true, true, true]);
    expect(pages.map((page) => page.totalCount)).toEqual([25, 25, 25, 25]);
    for (const page of pages) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    }
    expect(idsOf(pages)).toEqual(expectedIds());

    const beyond = await readPage(app, cast.agent, { first: PAGE_SIZE, after: pages.at(-1)!.pageInfo.endCursor });
    expect(beyond).toMatchObject({ edges: [], totalCount: 25, pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages through a filtered list the same way', async () => {
    const mine = (c: ListedClaim) => c.claimantId === LIST_SUBJECTS.buyerA;
    const pages = await readAllPages(app, cast.agent, { filter: { claimantId: LIST_SUBJECTS.buyerA }, first: PAGE_SIZE });
    expect(idsOf(pages)).toEqual(expectedIds(mine));
    expect(pages.map((page) => page.edges.length)).toEqual([7, 7, 2]);
    expect(pages.every((page) => page.totalCount === expectedIds(mine).length)).toBe(true);
  });

  it('shows a claimant only their own claims, whatever filter they send', async () => {
    const own = (c: ListedClaim) => c.claimantId === LIST_SUBJECTS.buyerB;
    const all = await readAllPages(app, cast.buyerB, { first: 4 });
    expect(idsOf(all)).toEqual(expectedIds(own));
    expect(all[0].totalCount).toBe(expectedIds(own).length);

    const someoneElses = await readPage(app, cast.buyerB, { filter: { claimantId: LIST_SUBJECTS.buyerA }, first: 100 });
    expect(someoneElses).toMatchObject({ totalCount: 0, edges: [] });
    const onePlatform = await readPage(app, cast.buyerB, { filter: { platformId: 'kameng-shop' }, first: 100 });
    expect(onePlatform.edges.map((edge) => edge.node.id)).toEqual(expectedIds((c) => own(c) && c.platformId === 'kameng-shop'));
    const filter = { filedLate: true, status: ['FILED', 'WITHDRAWN'] };
    const lateOnes = await readPage(app, cast.buyerB, { filter, first: 100 });
    expect(lateOnes.edges.every((edge) => edge.node.claimantId === LIST_SUBJECTS.buyerB)).toBe(true);
  });

  const cursorOf = (json: unknown) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
  const badArguments = [
    { name: 'an after cursor that is not base64url', args: { after: 'not a cursor!' } },
    { name: 'an after cursor that is not JSON', args: { after: Buffer.from('garbage').toString('base64url') } },
    { name: 'an after cursor of the wrong shape', args: { after: cursorOf({ filedAt: '2026-01-01', id: 'x' }) } },
    { name: 'an after cursor with an empty key', args: { after: cursorOf(['', '']) } },
    { name: 'first: 0', args: { first: 0 } },
    { name: 'first: 101', args: { first: 101 } },
    { name: 'first: -1', args: { first: -1 } },
  ];

  it.each(badArguments)('answers BAD_USER_INPUT to $name', async ({ args }) => {
    const answer = await app.gql(cast.agent, LIST_QUERY, args);
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
  });

  it('serves the largest and the smallest page allowed (first: 100 and first: 1)', async () => {
    expect((await readPage(app, cast.agent, { first: 100 })).edges).toHaveLength(CLAIM_COUNT);
    expect((await readPage(app, cast.agent, { first: 1 })).edges).toHaveLength(1);
  });

  // Last: it files one more claim.
  it('keeps later pages unchanged when a claim is filed between two pages', async () => {
    const first = await readPage(app, cast.agent, { first: PAGE_SIZE });
    const filed = await app.gql(cast.buyerA, mutation('fileClaim'), { input: fileClaimInput() });
    expect(filed.errors).toBeUndefined();
    const later = await readAllPages(app, cast.agent, { first: PAGE_SIZE, after: first.pageInfo.endCursor });
    expect(later.map((page) => page.totalCount)).toEqual([26, 26, 26]);
    const ids = [...idsOf([first]), ...idsOf(later)];
    expect(ids).toEqual(expectedIds());
    const top = await readPage(app, cast.agent, { first: 1 });
    expect(top.edges[0].node.id).toBe(filed.data!.fileClaim.claim.id);
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBeGreaterThan(0);
  });
});

const PAGE_WITH_EVIDENCE = `query($filter: ClaimFilter, $first: Int) {
  claims(filter: $filter, first: $first) {
    totalCount
    edges { node { id status evidence { id kind sha256 } } }
  }
}`;

/**
 * The DataLoaders' promise (DESIGN.md): a page of claims with their evidence costs a fixed, small
 * number of SQL statements, whatever the page size. Counted on the read-model database of a real server.
 */
describe('the cost of a page of claims with their evidence', () => {
  const counter = createStatementCounter();
  const platformId = 'statement-count-shop';
  let app: TestApp;
  let agent: string;

  beforeAll(async () => {
    // Fill with the projections running, then serve the same data with them off, so that the
    // runner's polling of its checkpoints never lands among the statements counted.
    const filler = await TestApp.start();
    const buyer = await filler.token('claimant', 'buyer-many-orders');
    await seedClaimsWithEvidence(filler, buyer, { count: 50, evidencePerClaim: 2, platformId });
    await filler.stop();
    const instrumentation = { statementCounter: counter };
    app = await TestApp.start({ PROJECTIONS: 'off' }, { dataDir: filler.config.dataDir, instrumentation });
    agent = await app.token('agent', 'agent-counting');
  });
  afterAll(() => app.stop(true));

  async function pageOf(first: number) {
    counter.reset();
    const answer = await app.gql(agent, PAGE_WITH_EVIDENCE, { first, filter: { platformId } });
    const statements = [...counter.statements];
    expect(answer.errors).toBeUndefined();
    const claims = answer.data!.claims.edges.map((edge: any) => edge.node) as { evidence: unknown[] }[];
    return { claims, statements };
  }

  it('costs the same few SQL statements for a page of 5 claims and a page of 50, evidence included', async () => {
    const small = await pageOf(5);
    const large = await pageOf(50);
    expect(small.claims).toHaveLength(5);
    expect(large.claims).toHaveLength(50);
    expect(large.claims.map((claim) => claim.evidence.length)).toEqual(Array(50).fill(2));
    // The counter does see this request: the evidence is read through it.
    expect(large.statements.some((sql) => /claim_evidence/.test(sql))).toBe(true);

    expect(large.statements).toHaveLength(small.statements.length);
    // The page, its total count, and the evidence of all its claims in one batch.
    expect(large.statements.length).toBeLessThanOrEqual(3);
  });

  it('answers evidence asked through a fragment under an alias with one statement, and reads none when the query skips it', async () => {
    const withFragment = `query($filter: ClaimFilter) {
      claims(first: 10, filter: $filter) { edges { node { id ...Proofs } } }
    }
    fragment Proofs on Claim { proofs: evidence { id kind } }`;
    counter.reset();
    const answer = await app.gql(agent, withFragment, { filter: { platformId } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.claims.edges.map((edge: any) => edge.node.proofs.length)).toEqual(Array(10).fill(2));
    expect(counter.statements.filter((sql) => /claim_evidence/.test(sql))).toHaveLength(1);

    counter.reset();
    const withoutEvidence = 'query($filter: ClaimFilter, $proofs: Boolean!) { claims(first: 10, filter: $filter) { edges { node { id evidence @include(if: $proofs) { id } } } } }';
    const skipped = await app.gql(agent, withoutEvidence, { filter: { platformId }, proofs: false });
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data!.claims.edges.map((edge: any) => Object.keys(edge.node))).toEqual(Array(10).fill(['id']));
    expect(counter.statements.filter((sql) => /claim_evidence/.test(sql))).toEqual([]);
  });

  it('answers claimAsOf at the latest revision exactly as claim, for every claim it holds', async () => {
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBeGreaterThan(0);
  });
});
