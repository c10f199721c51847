import { createHash, randomUUID } from 'node:crypto';

/** Every field of Claim, with its evidence and history. */
export const CLAIM_FIELDS = `
  id status escalationLevel revision claimantId platformId orderReference product
  amountPaid { amount currency }
  remedyRequested { kind amount { amount currency } extensionHours }
  remedyGranted { kind amount { amount currency } extensionHours }
  remedyDelivered incidentAt filedAt filingDeadline filedLate description assignedTo
  evidence { id kind description sha256 uri addedAt }
  rejectionReason resubmissionCount lastEventAt
  history { id type revision position recordedAt data actorId actorRole }
`;

const PAYLOAD = `claim { ${CLAIM_FIELDS} } events { id type revision position recordedAt data actorId actorRole } position`;

const MUTATIONS = [
  'fileClaim',
  'addEvidence',
  'assignClaim',
  'requestInformation',
  'rejectClaim',
  'resubmitClaim',
  'escalateClaim',
  'resolveClaim',
  'recordRemedyDelivered',
  'withdrawClaim',
  'closeClaim',
  'followUpClaim',
] as const;
export type MutationName = (typeof MUTATIONS)[number];

const INPUT_TYPES: Record<MutationName, string> = {
  fileClaim: 'FileClaimInput',
  addEvidence: 'AddEvidenceInput',
  assignClaim: 'AssignClaimInput',
  requestInformation: 'RequestInformationInput',
  rejectClaim: 'RejectClaimInput',
  resubmitClaim: 'ResubmitClaimInput',
  escalateClaim: 'EscalateClaimInput',
  resolveClaim: 'ResolveClaimInput',
  recordRemedyDelivered: 'RecordRemedyDeliveredInput',
  withdrawClaim: 'WithdrawClaimInput',
  closeClaim: 'CloseClaimInput',
  followUpClaim: 'FollowUpClaimInput',
};

/** The document of one mutation, answering the whole payload. */
export function mutation(name: MutationName): string {
  return `mutation($input: ${INPUT_TYPES[name]}!) { ${name}(input: $input) { ${PAYLOAD} } }`;
}

export const CLAIM_QUERY = `query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`;

export const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');

/** A realistic filing: a membership bought on a card shop that dropped an hour after activation. */
export function fileClaimInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const incidentAt = new Date(Date.now() - 60 * 60 * 1000);
  return {
    platformId: 'kameng-shop',
    orderReference: `KM-${randomUUID().slice(0, 8)}`,
    product: '爱奇艺黄金会员 月卡',
    amountPaid: { amount: 1990, currency: 'CNY' },
    paidAt: new Date(incidentAt.getTime() - 30 * 60 * 1000).toISOString(),
    incidentAt: incidentAt.toISOString(),
    incidentMinutes: 45,
    description: '会员开通后一小时掉线，页面提示“账号异常，请重新登录”，客服两天未回复。',
    remedyRequested: { kind: 'FULL_REFUND' },
    ...overrides,
  };
}

export function evidenceInput(claimId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claimId,
    kind: 'PAYMENT_RECORD',
    description: '支付宝付款截图，订单金额 19.90 元',
    sha256: sha256(`evidence-${randomUUID()}`),
    ...overrides,
  };
}
