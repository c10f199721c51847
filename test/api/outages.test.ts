import { randomUUID } from 'node:crypto';
import { TestApp, codes } from '../support/api';
import { claimOf, fileClaim, typesOf } from '../support/policy-api';
import { TestClock } from '../support/test-clock';

const PRODUCT = '爱奇艺黄金会员 月卡';
const REPORT = `mutation($i: ReportOutageInput!) { reportOutage(input: $i) { outage { id durationMinutes makeUpExtensionHours makeUpPolicyVersion } } }`;
const END = `mutation($i: EndOutageInput!) { endOutage(input: $i) { outage { id endedAt durationMinutes makeUpExtensionHours makeUpPolicyVersion } } }`;

describe('outages and automatic make-up (自动补上)', () => {
  let app: TestApp;
  let clock: TestClock;
  let monitoring: string;
  let agent: string;

  beforeEach(async () => {
    clock = new TestClock('2026-03-02T12:00:00.000Z');
    app = await TestApp.start({ WORKER_POLL_MS: '3600000' }, { instrumentation: { clock: clock.now } });
    [monitoring, agent] = await Promise.all([app.token('integration', 'kameng-monitoring'), app.token('agent')]);
  });
  afterEach(() => app.stop(true));

  it('makes up exactly the open claims inside an outage longer than the threshold, once, and later filings inside it', async () => {
    const buyer = await app.token('claimant', 'buyer-li');
    const other = await app.token('claimant', 'buyer-wang');
    const inside = await fileClaim(app, buyer, 'kameng-shop', '2026-03-02T09:10:00.000Z');
    const before = await fileClaim(app, buyer, 'kameng-shop', '2026-03-02T08:59:00.000Z');
    const elsewhere = await fileClaim(app, buyer, 'other-shop', '2026-03-02T09:10:00.000Z');
    const otherProduct = await fileClaim(app, other, 'kameng-shop', '2026-03-02T09:20:00.000Z', { product: '腾讯视频 VIP' });
    const withdrawn = await fileClaim(app, other, 'kameng-shop', '2026-03-02T09:30:00.000Z');
    await app.gql(other, `mutation($i: WithdrawClaimInput!) { withdrawClaim(input: $i) { claim { id } } }`, { i: { claimId: withdrawn, reason: '不需要了' } });

    const outageId = randomUUID();
    const reported = await app.gql(monitoring, REPORT, {
      i: { outageId, platformId: 'kameng-shop', product: PRODUCT, startedAt: '2026-03-02T09:00:00Z', description: '会员服务全线掉线' },
    });
    expect(reported.data!.reportOutage.outage).toEqual({ id: outageId, durationMinutes: null, makeUpExtensionHours: null, makeUpPolicyVersion: null });
    await app.runWorkers();
    expect((await claimOf(app, agent, inside)).status).toBe('FILED');

    const ended = await app.gql(monitoring, END, { i: { outageId, endedAt: '2026-03-02T10:05:00Z' } });
    expect(ended.data!.endOutage.outage).toMatchObject({ durationMinutes: 65, makeUpExtensionHours: 2, makeUpPolicyVersion: 0 });
    await app.runWorkers();
    await app.runWorkers();
    await app.waitForProjections();

    const madeUp = await claimOf(app, agent, inside);
    expect(madeUp).toMatchObject({
      status: 'RESOLVED',
      remedyGranted: { kind: 'SERVICE_EXTENSION', extensionHours: 2 },
      remedyDelivered: true,
      compensatedByOutageId: outageId,
    });
    expect(typesOf(madeUp)).toEqual(['ClaimFiled', 'ClaimResolved', 'RemedyDelivered']);
    expect(madeUp.history[1]).toMatchObject({ actorRole: 'system', data: { outageId, remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 2 } } });
    for (const untouched of [before, elsewhere, otherProduct]) expect(typesOf(await claimOf(app, agent, untouched))).toEqual(['ClaimFiled']);
    expect((await claimOf(app, agent, withdrawn)).status).toBe('WITHDRAWN');

    const later = await fileClaim(app, other, 'kameng-shop', '2026-03-02T10:00:00.000Z');
    await app.runWorkers();
    await app.waitForProjections();
    expect(await claimOf(app, agent, later)).toMatchObject({ status: 'RESOLVED', compensatedByOutageId: outageId });

    const shown = await app.gql(buyer, `query($id: ID!) { outage(id: $id) { compensatedClaims { id } } }`, { id: outageId });
    expect(shown.data!.outage.compensatedClaims).toEqual([{ id: inside }]);
    const all = await app.gql(agent, `query($id: ID!) { outage(id: $id) { compensatedClaims { id } } }`, { id: outageId });
    expect(all.data!.outage.compensatedClaims.map((claim: { id: string }) => claim.id).sort()).toEqual([inside, later].sort());
  });

  it('makes up nothing for an outage not longer than the threshold', async () => {
    const buyer = await app.token('claimant', 'buyer-li');
    const claimId = await fileClaim(app, buyer, 'kameng-shop', '2026-03-02T09:01:00.000Z');
    const outageId = randomUUID();
    const answer = await app.gql(monitoring, REPORT, {
      i: { outageId, platformId: 'kameng-shop', startedAt: '2026-03-02T09:00:00Z', endedAt: '2026-03-02T09:05:00Z', description: '短暂抖动' },
    });
    expect(answer.data!.reportOutage.outage).toMatchObject({ durationMinutes: 5, makeUpExtensionHours: null });
    await app.runWorkers();
    expect(typesOf(await claimOf(app, agent, claimId))).toEqual(['ClaimFiled']);
  });

  it('refuses bad reports with stable codes and records nothing', async () => {
    const claimant = await app.token('claimant');
    const outageId = randomUUID();
    const input = { outageId, platformId: 'kameng-shop', startedAt: '2026-03-02T09:00:00Z', description: '掉线' };
    expect(codes(await app.gql(claimant, REPORT, { i: input }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(monitoring, REPORT, { i: { ...input, endedAt: '2026-03-02T08:00:00Z' } }))).toEqual(['INVALID_OUTAGE_TIMES']);
    expect(codes(await app.gql(monitoring, REPORT, { i: { ...input, startedAt: '2026-03-03T09:00:00Z' } }))).toEqual(['INVALID_OUTAGE_TIMES']);
    expect(codes(await app.gql(monitoring, END, { i: { outageId, endedAt: '2026-03-02T10:00:00Z' } }))).toEqual(['OUTAGE_NOT_FOUND']);
    expect((await app.gql(agent, `query($id: ID!) { outage(id: $id) { id } }`, { id: outageId })).data!.outage).toBeNull();
  });
});
