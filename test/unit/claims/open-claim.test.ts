import { CLAIM_STATUSES, isFinalStatus } from '../../../services/claims';
import { aClaim, commands } from '../../support/claim-builders';
import { given } from '../../support/decider';

const OPEN_STATUSES = CLAIM_STATUSES.filter((status) => !isFinalStatus(status));

describe('withdrawing a claim', () => {
  it('records the claimant’s reason', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.withdrawClaim({ reason: '平台已自动补上会员时长，不再需要退款' }))
      .then(claim.withdrawn({ reason: '平台已自动补上会员时长，不再需要退款' }));
  });

  it.each(OPEN_STATUSES)('is possible while the claim is %s', (status) => {
    const claim = aClaim();
    given(...claim.histories.in(status))
      .when(commands.withdrawClaim())
      .then(claim.withdrawn());
  });
});

describe('following up on a claim (催促)', () => {
  it('records the claimant’s message', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.followUpClaim({ message: '提交已经48小时了，客服一直不回复，请尽快处理！' }))
      .then(claim.followedUp({ message: '提交已经48小时了，客服一直不回复，请尽快处理！' }));
  });

  it.each(OPEN_STATUSES)('is possible while the claim is %s', (status) => {
    const claim = aClaim();
    given(...claim.histories.in(status))
      .when(commands.followUpClaim())
      .then(claim.followedUp());
  });

  it('refuses a fourth follow-up within the hour with FOLLOW_UP_LIMIT_REACHED', () => {
    const claim = aClaim();
    const times = ['2025-06-01T11:01:00.000Z', '2025-06-01T11:30:00.000Z', '2025-06-01T11:59:00.000Z'];
    given(...claim.histories.filed(), ...times.map((occurredAt) => claim.followedUp({ occurredAt })))
      .when(commands.followUpClaim())
      .thenFails('FOLLOW_UP_LIMIT_REACHED');
  });

  it('accepts a follow-up again once the oldest of three is more than an hour old', () => {
    const claim = aClaim();
    const times = ['2025-06-01T11:00:00.000Z', '2025-06-01T11:30:00.000Z', '2025-06-01T11:59:00.000Z'];
    given(...claim.histories.filed(), ...times.map((occurredAt) => claim.followedUp({ occurredAt })))
      .when(commands.followUpClaim())
      .then(claim.followedUp());
  });
});

describe('marking a response overdue', () => {
  it('records which deadline passed and when it was due', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.markResponseOverdue({ deadline: 'FIRST_RESPONSE', dueAt: '2025-06-01T11:30:00.000Z' }))
      .then(claim.responseOverdue({ deadline: 'FIRST_RESPONSE', dueAt: '2025-06-01T11:30:00.000Z' }));
  });

  it.each(OPEN_STATUSES)('is possible while the claim is %s', (status) => {
    const claim = aClaim();
    given(...claim.histories.in(status))
      .when(commands.markResponseOverdue())
      .then(claim.responseOverdue());
  });
});

describe('adding evidence', () => {
  it.each(OPEN_STATUSES)('is possible while the claim is %s', (status) => {
    const claim = aClaim();
    given(...claim.histories.in(status))
      .when(commands.addEvidence({ evidenceId: 'ev-any' }))
      .then(claim.evidenceAdded({ evidenceId: 'ev-any' }));
  });
});
