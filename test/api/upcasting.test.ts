import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../infra/config';
import { openEventStore, openEventStores } from '../../infra/main';
import { verifyChain } from '../../services/audit/verify-chain';
import { claimStreamName } from '../../services/claims';
import { TestApp } from '../support/api';
import { CLAIM_FIELDS, evidenceInput, mutation, sha256 } from '../support/documents';
import { appendLegacyStream, type LegacyEvent } from '../support/legacy-stream';
import { expectTimeTravelToMatchEveryClaim } from '../support/time-travel';

const claimId = '7d0f3c1e-2b4a-4c5d-8e6f-0a1b2c3d4e5f';
const buyer = { id: 'buyer-legacy', role: 'claimant' } as const;
const PAYMENT_SHA = sha256('支付宝账单 2025-05-01');
const SCREENSHOT_SHA = sha256('掉线截图');

/** A claim as Recourse wrote it before EvidenceAdded version 2: `sha256` where `digest` is now. */
const LEGACY: LegacyEvent[] = [
  {
    type: 'ClaimFiled',
    schemaVersion: 1,
    actor: buyer,
    data: {
      claimId,
      claimantId: buyer.id,
      platformId: 'kameng-shop',
      order: { reference: 'KM-LEGACY-0001', amountPaid: { amount: 1990, currency: 'CNY' }, paidAt: '2025-05-01T07:30:00.000Z' },
      product: '腾讯视频VIP 月卡',
      incident: { occurredAt: '2025-05-01T08:00:00.000Z', durationMinutes: 90, description: '开通后掉线，提示“会员已过期”' },
      remedyRequested: { kind: 'FULL_REFUND', amount: null, extensionHours: null },
      filingDeadline: '2025-05-02T08:00:00.000Z',
      filedLate: false,
      occurredAt: '2025-05-01T10:00:00.000Z',
    },
  },
  legacyEvidence('ev-legacy-payment', 'PAYMENT_RECORD', '支付宝账单截图', PAYMENT_SHA, '2025-05-01T10:05:00.000Z'),
  legacyEvidence('ev-legacy-screenshot', 'SCREENSHOT', '掉线报错截图', SCREENSHOT_SHA, '2025-05-01T10:06:00.000Z'),
];

function legacyEvidence(evidenceId: string, kind: string, description: string, sha: string, occurredAt: string): LegacyEvent {
  const data = { claimId, occurredAt, evidenceId, kind, description, sha256: sha, uri: null, capturedAt: null };
  return { type: 'EvidenceAdded', schemaVersion: 1, actor: buyer, data };
}

const digest = (value: string) => ({ algorithm: 'sha-256', value });

/**
 * Schema evolution end to end: a store holding EvidenceAdded version 1 (written directly, with its
 * hash chain over the old form) is served by today's code, which reads every event in the current
 * shape while the stored record, and its verification, stay as written.
 */
describe('a store written by an older version (EvidenceAdded version 1)', () => {
  let app: TestApp;
  let auditor: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'recourse-legacy-'));
    const raw = openEventStore(loadConfig({ DATA_DIR: dataDir }));
    await appendLegacyStream(raw, claimId, LEGACY);
    await raw.close();
    app = await TestApp.start({}, { dataDir });
    auditor = await app.token('auditor', 'auditor-legacy');
    await app.waitForProjections();
  });
  afterAll(() => app.stop(true));

  it('shows the old events in the new shape in claimHistory and the claim’s history', async () => {
    const answer = await app.gql(auditor, `query($id: ID!) {
      claimHistory(id: $id) { type data }
      claim(id: $id) { history { type data } }
    }`, { id: claimId });
    const evidence = answer.data!.claimHistory.filter((event: { type: string }) => event.type === 'EvidenceAdded');
    const data = evidence.map((event: { data: Record<string, unknown> }) => event.data);
    expect(data.map((fields: Record<string, unknown>) => fields.digest)).toEqual([digest(PAYMENT_SHA), digest(SCREENSHOT_SHA)]);
    expect(data.filter((fields: Record<string, unknown>) => 'sha256' in fields)).toEqual([]);
    expect(answer.data!.claim.history).toEqual(answer.data!.claimHistory);
  });

  it('projects the old evidence into the read model, and answers it as it stood at each revision', async () => {
    const answer = await app.gql(auditor, `query($id: ID!) {
      claim(id: $id) { evidence { id sha256 } }
      claimAsOf(id: $id, revision: 1) { evidence { id sha256 } history { revision data } }
    }`, { id: claimId });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.claim.evidence).toEqual([
      { id: 'ev-legacy-payment', sha256: PAYMENT_SHA },
      { id: 'ev-legacy-screenshot', sha256: SCREENSHOT_SHA },
    ]);
    expect(answer.data!.claimAsOf.evidence).toEqual([{ id: 'ev-legacy-payment', sha256: PAYMENT_SHA }]);
    expect(answer.data!.claimAsOf.history[1].data.digest).toEqual(digest(PAYMENT_SHA));
  });

  it('lets the decider count the old payment record: a full refund is granted', async () => {
    const agent = await app.token('agent', 'agent-legacy');
    const resolved = await app.gql(agent, mutation('resolveClaim'), { input: { claimId, remedy: { kind: 'FULL_REFUND' } } });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolveClaim.claim).toMatchObject({ status: 'RESOLVED', remedyGranted: { kind: 'FULL_REFUND' } });
  });

  it('writes new evidence as version 2 next to the old events, which stay stored as version 1', async () => {
    const token = await app.token('claimant', buyer.id);
    const added = await app.gql(token, mutation('addEvidence'), { input: evidenceInput(claimId, { kind: 'CHAT_TRANSCRIPT' }) });
    expect(added.errors).toBeUndefined();
    const raw = openEventStore(app.config);
    const stored = await raw.readStream(claimStreamName(claimId));
    await raw.close();
    const versions = stored.map((event) => [event.type, event.metadata.schemaVersion, 'sha256' in (event.data as object)]);
    expect(versions).toEqual([
      ['ClaimFiled', 1, false],
      ['EvidenceAdded', 1, true],
      ['EvidenceAdded', 1, true],
      ['ClaimResolved', 2, false],
      ['EvidenceAdded', 2, false],
    ]);
  });

  it('verifies the hash chain over the stored form, which the upcast form would fail', async () => {
    const query = `query($id: ID!) { verifyClaim(id: $id) { valid eventCount firstInvalidRevision } }`;
    const answer = await app.gql(auditor, query, { id: claimId });
    expect(answer.data!.verifyClaim).toEqual({ valid: true, eventCount: 5, firstInvalidRevision: null });
    const { store } = openEventStores(app.config);
    const upcast = await store.readStream(claimStreamName(claimId));
    await store.close();
    // ClaimFiled version 1 is upcast too (its `policy` became null), so the upcast chain breaks at once.
    expect(verifyChain(upcast)).toMatchObject({ valid: false, firstInvalidRevision: 0 });
  });

  it('answers claimAsOf at the latest revision exactly as claim', async () => {
    const query = `query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } claimAsOf(id: $id) { ${CLAIM_FIELDS} } }`;
    const answer = await app.gql(auditor, query, { id: claimId });
    expect(answer.data!.claimAsOf).toEqual(answer.data!.claim);
    expect(await expectTimeTravelToMatchEveryClaim(app)).toBe(1);
  });
});
