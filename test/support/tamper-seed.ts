import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEventStores } from '../../infra/backends';
import { loadConfig } from '../../infra/config';
import { ClaimService, type ClaimIntent } from '../../services/claim-service';
import { claimDecider, type Actor } from '../../services/claims';
import { DESCRIPTION, INCIDENT_AT, NOW, PAID, PAID_AT } from './claim-builders';

/** Every seeded claim's stream: revisions 0 to 5, in this order. */
export const SEEDED_EVENT_TYPES = [
  'ClaimFiled',
  'EvidenceAdded',
  'ClaimAssigned',
  'ClaimResolved',
  'RemedyDelivered',
  'ClaimClosed',
] as const;

const agent: Actor = { id: 'agent-audit', role: 'agent' };

/** The life of one claim, filed and closed: the commands a buyer and an agent send. */
function lifeOfAClaim(order: string): Array<{ intent: ClaimIntent; actor: 'claimant' | 'agent' }> {
  return [
    {
      actor: 'claimant',
      intent: {
        type: 'FileClaim',
        data: {
          claimantId: null,
          platformId: 'kameng-shop',
          orderReference: order,
          product: '爱奇艺黄金会员 月卡',
          amountPaid: PAID,
          paidAt: PAID_AT,
          incidentAt: INCIDENT_AT,
          incidentMinutes: 45,
          description: DESCRIPTION,
          remedyRequested: { kind: 'FULL_REFUND' },
        },
      },
    },
    {
      actor: 'claimant',
      intent: {
        type: 'AddEvidence',
        data: { kind: 'PAYMENT_RECORD', description: '支付宝付款记录', sha256: 'b'.repeat(64), uri: null, capturedAt: null },
      },
    },
    { actor: 'agent', intent: { type: 'AssignClaim', data: { agentId: agent.id } } },
    { actor: 'agent', intent: { type: 'ResolveClaim', data: { remedy: { kind: 'FULL_REFUND' }, note: null } } },
    { actor: 'agent', intent: { type: 'RecordRemedyDelivered', data: { transactionReference: `ALIPAY-${order}` } } },
    { actor: 'agent', intent: { type: 'CloseClaim', data: { note: null } } },
  ];
}

/**
 * A fresh data directory whose SQLite event store holds `count` closed claims (six events each),
 * made by the real claim service — so the hash chains are the ones production makes — and
 * closed again, ready for tampering. Besides the claim streams, the store holds order reservations.
 * `ids` chooses the claims' ids (random otherwise).
 */
export async function seedClaims(count: number, ids?: string[]): Promise<{ dataDir: string; claimIds: string[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'recourse-audit-'));
  // The service reads as production does (upcasting); it writes the stored form that audits check.
  const { store } = openEventStores(loadConfig({ DATA_DIR: dataDir }));
  const service = new ClaimService({ store, decider: claimDecider, clock: () => new Date(NOW), newId: randomUUID, retries: 3 });
  const claimIds = ids ?? Array.from({ length: count }, () => randomUUID());
  try {
    // Step by step across the claims, so that their events interleave in $all as in production.
    for (let step = 0; step < SEEDED_EVENT_TYPES.length; step++) {
      for (const [index, claimId] of claimIds.entries()) {
        const { intent, actor } = lifeOfAClaim(`KM-AUDIT-${index}`)[step];
        const claimant: Actor = { id: `buyer-audit-${index}`, role: 'claimant' };
        await service.handle({ claimId, intent, actor: actor === 'agent' ? agent : claimant });
      }
    }
  } finally {
    await store.close();
  }
  return { dataDir, claimIds };
}
