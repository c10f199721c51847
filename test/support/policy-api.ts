import { randomUUID } from 'node:crypto';
import type { TestApp } from './api';

/** GraphQL documents and small helpers the policy, outage and collective tests share. */
export const CLAIM_FIELDS = `id status escalationLevel policy { platformId version } responseDueAt resolutionDueAt
  responseOverdue resolutionOverdue overdue deadlinesPaused compensatedByOutageId remedyGranted { kind extensionHours }
  remedyDelivered history { type actorId actorRole data }`;

export const SET_POLICY = `mutation($i: SetPlatformPolicyInput!) { setPlatformPolicy(input: $i) { policy { platformId version terms { firstResponse { amount unit } } } position } }`;

/** Policy terms with the given deadlines; everything else as in the seed documents. */
export function terms(overrides: Record<string, unknown> = {}) {
  return {
    filingWindowHours: 24,
    maxResubmissions: 3,
    firstResponse: { amount: 48, unit: 'HOURS' },
    resolution: { amount: 7, unit: 'WORKING_DAYS' },
    overdueEscalatesTo: 'PLATFORM_MANAGEMENT',
    makeUp: { thresholdMinutes: 5, extensionFactor: 1, minimumExtensionHours: 1 },
    calendar: { utcOffsetMinutes: 480, holidays: [] },
    ...overrides,
  };
}

/** Files a claim for `buyer` on `platformId` with its incident at `incidentAt`; answers its id. */
export async function fileClaim(app: TestApp, buyer: string, platformId: string, incidentAt: string, extra: Record<string, unknown> = {}) {
  const claimId = randomUUID();
  const answer = await app.gql(buyer, `mutation($i: FileClaimInput!) { fileClaim(input: $i) { claim { id } } }`, {
    i: {
      claimId, platformId, orderReference: `KM-${claimId.slice(0, 8)}`, product: '爱奇艺黄金会员 月卡',
      amountPaid: { amount: 1990, currency: 'CNY' }, paidAt: incidentAt, incidentAt, incidentMinutes: 30,
      description: '会员掉线，页面提示“账号异常”', remedyRequested: { kind: 'FULL_REFUND' }, ...extra,
    },
  });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return claimId;
}

export async function claimOf(app: TestApp, token: string, claimId: string) {
  const answer = await app.gql(token, `query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`, { id: claimId });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!.claim;
}

/** The types of a claim's history, in order. */
export function typesOf(claim: { history: { type: string }[] }): string[] {
  return claim.history.map((event) => event.type);
}
