import { TestApp, codes } from '../support/api';
import { claimOf, fileClaim, SET_POLICY, terms, typesOf } from '../support/policy-api';
import { TestClock } from '../support/test-clock';

/** Monday 2026-03-02, 10:00 in Beijing. */
const MONDAY_10_CST = '2026-03-02T02:00:00.000Z';
/** Workers act only when a test runs them, after moving the clock. */
const MANUAL_WORKERS = { WORKER_POLL_MS: '3600000' };

describe('platform policies and deadlines', () => {
  let app: TestApp;
  let clock: TestClock;
  let supervisor: string;
  let agent: string;
  let buyer: string;

  beforeEach(async () => {
    clock = new TestClock(MONDAY_10_CST);
    app = await TestApp.start(MANUAL_WORKERS, { instrumentation: { clock: clock.now } });
    [supervisor, agent, buyer] = await Promise.all([app.token('supervisor'), app.token('agent', 'agent-wang'), app.token('claimant', 'buyer-li')]);
  });
  afterEach(() => app.stop(true));

  const setPolicy = (platformId: string | null, overrides: Record<string, unknown> = {}, token = supervisor) =>
    app.gql(token, SET_POLICY, { i: { platformId, terms: terms(overrides) } });

  it('records a missed first response once, escalating as the policy says, by the system, also after a restart', async () => {
    await setPolicy('kameng-shop');
    const claimId = await fileClaim(app, buyer, 'kameng-shop', MONDAY_10_CST);
    expect(await claimOf(app, agent, claimId)).toMatchObject({
      policy: { platformId: 'kameng-shop', version: 1 },
      responseDueAt: '2026-03-04T02:00:00.000Z',
      overdue: false,
    });

    clock.advance(47.99);
    await app.runWorkers();
    expect(typesOf(await claimOf(app, agent, claimId))).toEqual(['ClaimFiled']);

    clock.advance(0.01);
    await app.runWorkers();
    await app.runWorkers();
    await app.restart();
    await app.runWorkers();
    await app.waitForProjections();
    const claim = await claimOf(app, agent, claimId);
    expect(typesOf(claim)).toEqual(['ClaimFiled', 'ResponseOverdue', 'ClaimEscalated']);
    expect(claim.history[1]).toMatchObject({ actorRole: 'system', data: { deadline: 'FIRST_RESPONSE', dueAt: '2026-03-04T02:00:00.000Z' } });
    expect(claim.history[2]).toMatchObject({ actorRole: 'system', data: { level: 'PLATFORM_MANAGEMENT', reason: 'RESPONSE_OVERDUE' } });
    expect(claim).toMatchObject({ escalationLevel: 'PLATFORM_MANAGEMENT', responseOverdue: true, overdue: true });

    const list = async (overdue: boolean) =>
      (await app.gql(agent, `query($f: ClaimFilter) { claims(filter: $f) { edges { node { id } } } }`, { f: { overdue } })).data!.claims.edges.map(
        (edge: { node: { id: string } }) => edge.node.id,
      );
    expect(await list(true)).toEqual([claimId]);
    expect(await list(false)).toEqual([]);
  });

  it('pauses the clock while the claim awaits the claimant and counts only working days', async () => {
    await setPolicy('kameng-shop', { resolution: { amount: 2, unit: 'WORKING_DAYS' }, overdueEscalatesTo: null });
    const claimId = await fileClaim(app, buyer, 'kameng-shop', MONDAY_10_CST);
    expect((await claimOf(app, agent, claimId)).resolutionDueAt).toBe('2026-03-04T02:00:00.000Z');

    clock.advance(1);
    await app.gql(agent, `mutation($i: RequestInformationInput!) { requestInformation(input: $i) { claim { id } } }`, {
      i: { claimId, message: '请提供支付记录' },
    });
    expect(await claimOf(app, agent, claimId)).toMatchObject({ responseDueAt: null, resolutionDueAt: null, deadlinesPaused: true });

    // Friday 10:00 in Beijing: 47 working hours are left, so Saturday and Sunday are skipped.
    clock.set('2026-03-06T02:00:00.000Z');
    await app.runWorkers();
    await app.gql(buyer, `mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { claim { id } } }`, {
      i: { claimId, kind: 'PAYMENT_RECORD', description: '支付宝账单', sha256: 'a'.repeat(64) },
    });
    expect(await claimOf(app, agent, claimId)).toMatchObject({ resolutionDueAt: '2026-03-10T01:00:00.000Z', deadlinesPaused: false });

    clock.set('2026-03-10T00:59:00.000Z');
    await app.runWorkers();
    expect(typesOf(await claimOf(app, agent, claimId))).not.toContain('ResponseOverdue');
    clock.set('2026-03-10T01:00:00.000Z');
    await app.runWorkers();
    await app.runWorkers();
    await app.waitForProjections();
    const claim = await claimOf(app, agent, claimId);
    expect(typesOf(claim).filter((type) => type === 'ResponseOverdue' || type === 'ClaimEscalated')).toEqual(['ResponseOverdue']);
    expect(claim).toMatchObject({ resolutionOverdue: true, overdue: true, escalationLevel: 'NONE' });
  });

  it('keeps each claim under the policy version it was filed under', async () => {
    await setPolicy('kameng-shop');
    const before = await fileClaim(app, buyer, 'kameng-shop', MONDAY_10_CST);
    await setPolicy('kameng-shop', { firstResponse: { amount: 12, unit: 'HOURS' } });
    const after = await fileClaim(app, buyer, 'kameng-shop', MONDAY_10_CST);
    expect(await claimOf(app, agent, before)).toMatchObject({ policy: { version: 1 }, responseDueAt: '2026-03-04T02:00:00.000Z' });
    expect(await claimOf(app, agent, after)).toMatchObject({ policy: { version: 2 }, responseDueAt: '2026-03-02T14:00:00.000Z' });

    const elsewhere = await fileClaim(app, buyer, 'other-shop', MONDAY_10_CST);
    expect(await claimOf(app, agent, elsewhere)).toMatchObject({ policy: { platformId: null, version: 0 }, responseDueAt: '2026-03-04T02:00:00.000Z' });
    await setPolicy(null, { firstResponse: { amount: 24, unit: 'HOURS' } });
    const answer = await app.gql(agent, `{ platformPolicy(platformId: "other-shop") { platformId version terms { firstResponse { amount unit } } } }`);
    expect(answer.data!.platformPolicy).toEqual({ platformId: null, version: 1, terms: { firstResponse: { amount: 24, unit: 'HOURS' } } });
  });

  it('lets only supervisors set policies, refuses invalid terms with a stable code, and changes nothing then', async () => {
    expect(codes(await setPolicy('kameng-shop', {}, agent))).toEqual(['FORBIDDEN']);
    const badHoliday = await setPolicy('kameng-shop', { calendar: { utcOffsetMinutes: 480, holidays: ['2026-13-45'] } });
    expect(codes(badHoliday)).toEqual(['INVALID_POLICY']);
    expect(badHoliday.errors![0].message).toMatch(/holidays/);
    expect(codes(await setPolicy('kameng-shop', { firstResponse: { amount: 0, unit: 'HOURS' } }))).toEqual(['BAD_USER_INPUT']);
    const versions = await app.gql(agent, `{ policyVersions(platformId: "kameng-shop") { version } }`);
    expect(versions.data!.policyVersions).toEqual([]);
  });

  it('offers the consumer-association regime: 7 working days to accept, 45 to mediate', async () => {
    const presets = await app.gql(agent, `{ policyPresets { name terms { firstResponse { amount unit } resolution { amount unit } overdueEscalatesTo } } }`);
    expect(presets.data!.policyPresets).toContainEqual({
      name: 'CONSUMER_ASSOCIATION',
      terms: { firstResponse: { amount: 7, unit: 'WORKING_DAYS' }, resolution: { amount: 45, unit: 'WORKING_DAYS' }, overdueEscalatesTo: 'REGULATOR' },
    });
  });
});

describe('two deadline processors at once', () => {
  it('record a missed deadline exactly once', async () => {
    const clock = new TestClock(MONDAY_10_CST);
    const first = await TestApp.start(MANUAL_WORKERS, { instrumentation: { clock: clock.now } });
    const second = await TestApp.start(MANUAL_WORKERS, { dataDir: first.config.dataDir, instrumentation: { clock: clock.now } });
    try {
      const buyer = await first.token('claimant', 'buyer-zhang');
      const claimIds = await Promise.all([0, 1, 2].map(() => fileClaim(first, buyer, 'kameng-shop', MONDAY_10_CST)));
      await first.waitForProjections();
      clock.advance(49);
      await Promise.all([first.runWorkers(), second.runWorkers(), first.runWorkers(), second.runWorkers()]);
      await first.waitForProjections();
      const agent = await first.token('agent');
      for (const claimId of claimIds) {
        expect(typesOf(await claimOf(first, agent, claimId))).toEqual(['ClaimFiled', 'ResponseOverdue', 'ClaimEscalated']);
      }
    } finally {
      await second.stop();
      await first.stop(true);
    }
  });
});
