import { createMetrics } from '../../infra/metrics/metrics';
import { randomUUID } from 'node:crypto';
import { openEventStores } from '../../infra/main';
import { createWriteServices } from '../../infra/policy-services';
import { collectiveCaseDecider, collectiveStreamName } from '../../services/collective/collective-case';
import { claimStreamName } from '../../services/claims';
import { runStreamCommand } from '../../services/streams/stream-writer';
import { applyToMember } from '../../services/system-actions';
import { TestApp, codes } from '../support/api';
import { claimOf, fileClaim, typesOf } from '../support/policy-api';

const INCIDENT = '2026-03-02T09:10:00.000Z';
const CASE_FIELDS = `id platformId escalationLevel status memberCount remedy { kind extensionHours } members { id status escalationLevel } memberStatusCounts { status count }`;
const OPEN = `mutation($i: OpenCollectiveCaseInput!) { openCollectiveCase(input: $i) { collectiveCase { ${CASE_FIELDS} } } }`;
const JOIN = `mutation($i: CollectiveMembershipInput!) { joinCollectiveCase(input: $i) { collectiveCase { memberCount } } }`;
const LEAVE = `mutation($i: CollectiveMembershipInput!) { leaveCollectiveCase(input: $i) { collectiveCase { memberCount } } }`;
const ESCALATE = `mutation($i: EscalateCollectiveCaseInput!) { escalateCollectiveCase(input: $i) { collectiveCase { ${CASE_FIELDS} } } }`;
const RESOLVE = `mutation($i: ResolveCollectiveCaseInput!) { resolveCollectiveCase(input: $i) { collectiveCase { ${CASE_FIELDS} } } }`;

describe('collective cases (集体维权)', () => {
  let app: TestApp;
  let supervisor: string;
  let agent: string;
  let buyers: string[];
  let claims: string[];
  let caseId: string;

  beforeEach(async () => {
    app = await TestApp.start({ WORKER_POLL_MS: '3600000' });
    [supervisor, agent] = await Promise.all([app.token('supervisor'), app.token('agent')]);
    buyers = await Promise.all(['buyer-li', 'buyer-wang', 'buyer-zhao'].map((id) => app.token('claimant', id)));
    claims = await Promise.all(buyers.map((buyer) => fileClaim(app, buyer, 'kameng-shop', INCIDENT)));
    caseId = randomUUID();
    await app.gql(supervisor, OPEN, { i: { caseId, platformId: 'kameng-shop', title: '卡盟 3 月 2 日会员集体掉线' } });
    for (const [i, claimId] of claims.entries()) await app.gql(buyers[i], JOIN, { i: { caseId, claimId } });
  });
  afterEach(() => app.stop(true));

  it('escalates every member claim once, through its own stream, caused by the case event', async () => {
    await app.gql(buyers[2], LEAVE, { i: { caseId, claimId: claims[2] } });
    const answer = await app.gql(supervisor, ESCALATE, { i: { caseId, level: 'CONSUMER_ASSOCIATION', body: '12315', caseReference: 'SH-12315-0042' } });
    expect(answer.data!.escalateCollectiveCase.collectiveCase).toMatchObject({
      escalationLevel: 'CONSUMER_ASSOCIATION',
      memberCount: 2,
      members: [{ id: claims[0], escalationLevel: 'CONSUMER_ASSOCIATION' }, { id: claims[1], escalationLevel: 'CONSUMER_ASSOCIATION' }],
      memberStatusCounts: [{ status: 'FILED', count: 2 }],
    });
    const { store } = openEventStores(app.config);
    try {
      const [escalation] = (await store.readStream(collectiveStreamName(caseId))).filter((event) => event.type === 'CollectiveCaseEscalated');
      for (const claimId of claims.slice(0, 2)) {
        const escalated = (await store.readStream(claimStreamName(claimId))).filter((event) => event.type === 'ClaimEscalated');
        expect(escalated).toHaveLength(1);
        expect(escalated[0].data).toMatchObject({ level: 'CONSUMER_ASSOCIATION', reason: 'COLLECTIVE_ACTION', caseReference: 'SH-12315-0042' });
        expect(escalated[0].metadata).toMatchObject({ causationId: escalation.id, actor: { role: 'system' } });
      }
    } finally {
      await store.close();
    }
    expect(typesOf(await claimOf(app, agent, claims[2]))).toEqual(['ClaimFiled']);
  });

  it('finishes a fan-out interrupted half-way after a restart, each member once', async () => {
    await app.stop();
    // What a crash right after the case's append and the first member's escalation leaves behind.
    const { store } = openEventStores(app.config);
    try {
      const services = createWriteServices(app.config, store, () => new Date(), createMetrics());
      const actor = { id: 'supervisor-sun', role: 'supervisor' } as const;
      const command = { type: 'EscalateCollectiveCase' as const, data: { level: 'REGULATOR' as const, body: null, caseReference: null }, actor, now: new Date().toISOString() };
      const { events } = await runStreamCommand({ store, newId: randomUUID, retries: 3 }, collectiveCaseDecider, collectiveStreamName(caseId), command, {
        commandId: randomUUID(),
        correlationId: 'crash-test',
        actor,
      });
      const action = { type: 'EscalateClaim' as const, data: { level: 'REGULATOR' as const, body: null, caseReference: null } };
      await applyToMember(services.claims, { id: events[0].id, correlationId: 'crash-test' }, claims[0], action);
    } finally {
      await store.close();
    }
    await app.restart();
    await waitFor(async () => (await claimOf(app, agent, claims[2])).escalationLevel === 'REGULATOR');
    for (const claimId of claims) {
      const claim = await claimOf(app, agent, claimId);
      expect(typesOf(claim)).toEqual(['ClaimFiled', 'ClaimEscalated']);
      expect(claim.escalationLevel).toBe('REGULATOR');
    }
  });

  it('resolves every member with the case’s remedy, and then accepts nothing more', async () => {
    const answer = await app.gql(supervisor, RESOLVE, { i: { caseId, remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 72 }, note: '平台同意集体补偿' } });
    expect(answer.data!.resolveCollectiveCase.collectiveCase).toMatchObject({
      status: 'RESOLVED',
      remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 72 },
      memberStatusCounts: [{ status: 'RESOLVED', count: 3 }],
    });
    for (const claimId of claims) expect(typesOf(await claimOf(app, agent, claimId))).toEqual(['ClaimFiled', 'ClaimResolved']);
    expect(codes(await app.gql(buyers[0], LEAVE, { i: { caseId, claimId: claims[0] } }))).toEqual(['CASE_RESOLVED']);
  });

  it('refuses what breaks a rule with a stable code and changes nothing', async () => {
    const elsewhere = await fileClaim(app, buyers[0], 'other-shop', INCIDENT);
    expect(codes(await app.gql(buyers[0], JOIN, { i: { caseId, claimId: elsewhere } }))).toEqual(['CASE_PLATFORM_MISMATCH']);
    expect(codes(await app.gql(buyers[0], JOIN, { i: { caseId, claimId: claims[0] } }))).toEqual(['ALREADY_A_MEMBER']);
    expect(codes(await app.gql(buyers[1], LEAVE, { i: { caseId, claimId: claims[0] } }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(agent, ESCALATE, { i: { caseId, level: 'REGULATOR' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(buyers[0], ESCALATE, { i: { caseId, level: 'REGULATOR' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(supervisor, ESCALATE, { i: { caseId: randomUUID(), level: 'REGULATOR' } }))).toEqual(['CASE_NOT_FOUND']);
    const shown = await app.gql(buyers[0], `query($id: ID!) { collectiveCase(id: $id) { ${CASE_FIELDS} } }`, { id: caseId });
    expect(shown.data!.collectiveCase).toMatchObject({ escalationLevel: 'NONE', memberCount: 3, members: [{ id: claims[0] }] });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
