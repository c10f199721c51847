import type { DomainErrorCode, Money, Remedy } from '../../../services/claims';
import { actors, aClaim, DESCRIPTION, FILING_DEADLINE, NOW, PAID, PAID_AT } from '../../support/claim-builders';
import { given } from '../../support/decider';

describe('filing a claim', () => {
  it('files a claim for the claimant themself, with order, incident, remedy and a 24-hour filing deadline', () => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim())
      .then({
        type: 'ClaimFiled',
        data: {
          claimId: claim.claimId,
          claimantId: actors.claimant.id,
          platformId: 'kameng-shop',
          order: { reference: 'KM-20250601-0042', amountPaid: PAID, paidAt: PAID_AT },
          product: '视频会员月卡',
          incident: { occurredAt: '2025-06-01T10:00:00.000Z', durationMinutes: 120, description: DESCRIPTION },
          remedyRequested: { kind: 'FULL_REFUND' },
          filingDeadline: '2025-06-02T10:00:00.000Z',
          filedLate: false,
          policy: null,
          occurredAt: NOW,
        },
      });
  });

  it('keeps a Chinese description exactly as written', () => {
    const claim = aClaim();
    const description = '充值99元开通年卡，第二天提示“账号异常”被踢下线，联系客服三次无人回复。';
    given()
      .when(claim.fileClaim({ description }))
      .then(claim.filed({ incident: { occurredAt: '2025-06-01T10:00:00.000Z', durationMinutes: 120, description } }));
  });

  it('accepts a claimant naming themself as the claimant', () => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim({ claimantId: actors.claimant.id }))
      .then(claim.filed());
  });

  it('refuses a claimant filing for someone else with FORBIDDEN', () => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim({ claimantId: actors.otherClaimant.id }))
      .thenFails('FORBIDDEN');
  });

  it.each([actors.agent, actors.supervisor])('lets a $role file on a claimant’s behalf', (actor) => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim({ claimantId: actors.otherClaimant.id }, actor))
      .then(claim.filed({ claimantId: actors.otherClaimant.id }));
  });

  it.each([
    ['an agent', 'no claimant id', actors.agent, null],
    ['a supervisor', 'no claimant id', actors.supervisor, null],
    ['an agent', 'an empty claimant id', actors.agent, ''],
  ])('refuses %s filing with %s with CLAIMANT_REQUIRED', (_, __, actor, claimantId) => {
    given()
      .when(aClaim().fileClaim({ claimantId }, actor))
      .thenFails('CLAIMANT_REQUIRED');
  });

  it('refuses a claim id that is already taken with CLAIM_ALREADY_EXISTS', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(claim.fileClaim())
      .thenFails('CLAIM_ALREADY_EXISTS');
  });

  it('refuses an incident more than five minutes after the filing time with INCIDENT_IN_FUTURE', () => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim({ incidentAt: '2025-06-01T12:05:00.001Z' }))
      .thenFails('INCIDENT_IN_FUTURE');
  });

  it('accepts an incident up to five minutes ahead of the filing time (a claimant clock running fast)', () => {
    const outcome = given().when(aClaim().fileClaim({ incidentAt: '2025-06-01T12:05:00.000Z' })).outcome();
    expect(outcome).toMatchObject({ decided: [{ type: 'ClaimFiled' }] });
  });

  it('accepts an incident at the very moment of filing', () => {
    const claim = aClaim();
    const outcome = given().when(claim.fileClaim({ incidentAt: NOW })).outcome();
    expect(outcome).toMatchObject({ decided: [{ type: 'ClaimFiled', data: { filedLate: false } }] });
  });
});

describe('the filing window', () => {
  it('accepts a claim filed after the window and flags it as late', () => {
    const claim = aClaim();
    const outcome = given().when(claim.fileClaim({ incidentAt: '2025-05-31T11:59:59.000Z' })).outcome();
    expect(outcome).toMatchObject({
      decided: [{ data: { filingDeadline: '2025-06-01T11:59:59.000Z', filedLate: true } }],
    });
  });

  it('counts a claim filed exactly at the deadline as in time', () => {
    const claim = aClaim();
    const outcome = given().when(claim.fileClaim({ incidentAt: '2025-05-31T12:00:00.000Z' })).outcome();
    expect(outcome).toMatchObject({ decided: [{ data: { filingDeadline: NOW, filedLate: false } }] });
  });

  it('writes the deadline as an ISO-8601 UTC time even when the incident is given with an offset', () => {
    const claim = aClaim();
    const outcome = given().when(claim.fileClaim({ incidentAt: '2025-06-01T18:00:00+08:00' })).outcome();
    expect(outcome).toMatchObject({ decided: [{ data: { filingDeadline: FILING_DEADLINE } }] });
  });
});

describe('the amount paid', () => {
  it('accepts an amount of zero (a free trial that dropped)', () => {
    const claim = aClaim();
    const free = { amount: 0, currency: 'CNY' };
    given()
      .when(claim.fileClaim({ amountPaid: free }))
      .then(claim.filed({ order: { reference: 'KM-20250601-0042', amountPaid: free, paidAt: PAID_AT } }));
  });

  it.each<[string, Money]>([
    ['a negative amount', { amount: -1, currency: 'CNY' }],
    ['a fractional amount', { amount: 25.5, currency: 'CNY' }],
    ['a lower-case currency', { amount: 2500, currency: 'cny' }],
    ['a four-letter currency', { amount: 2500, currency: 'CNYY' }],
    ['an empty currency', { amount: 2500, currency: '' }],
  ])('refuses %s with INVALID_REMEDY', (_, amountPaid) => {
    given()
      .when(aClaim().fileClaim({ amountPaid }))
      .thenFails('INVALID_REMEDY');
  });
});

describe('the remedy requested', () => {
  const cny = (amount: number): Money => ({ amount, currency: 'CNY' });

  it.each<[string, Remedy]>([
    ['a full refund with nothing more', { kind: 'FULL_REFUND' }],
    ['a partial refund of part of the amount paid', { kind: 'PARTIAL_REFUND', amount: cny(1000) }],
    ['a partial refund of the whole amount paid', { kind: 'PARTIAL_REFUND', amount: cny(2500) }],
    ['a service extension of 48 hours', { kind: 'SERVICE_EXTENSION', extensionHours: 48 }],
    ['a coupon without an amount', { kind: 'COUPON' }],
    ['a coupon with an explicit null amount', { kind: 'COUPON', amount: null }],
    ['a coupon worth 5 yuan', { kind: 'COUPON', amount: cny(500) }],
    ['a coupon in another currency', { kind: 'COUPON', amount: { amount: 100, currency: 'USD' } }],
  ])('accepts %s', (_, remedyRequested) => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim({ remedyRequested }))
      .then(claim.filed({ remedyRequested }));
  });

  const usd = (amount: number): Money => ({ amount, currency: 'USD' });

  it.each<[string, DomainErrorCode, Remedy]>([
    ['a partial refund without an amount', 'INVALID_REMEDY', { kind: 'PARTIAL_REFUND' }],
    ['a partial refund of zero', 'INVALID_REMEDY', { kind: 'PARTIAL_REFUND', amount: cny(0) }],
    ['a negative partial refund', 'INVALID_REMEDY', { kind: 'PARTIAL_REFUND', amount: cny(-100) }],
    ['a fractional partial refund', 'INVALID_REMEDY', { kind: 'PARTIAL_REFUND', amount: cny(99.5) }],
    ['a partial refund in another currency', 'INVALID_REMEDY', { kind: 'PARTIAL_REFUND', amount: usd(1) }],
    ['a partial refund above the amount paid', 'REFUND_EXCEEDS_PAID', { kind: 'PARTIAL_REFUND', amount: cny(2501) }],
    ['a service extension without hours', 'INVALID_REMEDY', { kind: 'SERVICE_EXTENSION' }],
    ['a service extension of zero hours', 'INVALID_REMEDY', { kind: 'SERVICE_EXTENSION', extensionHours: 0 }],
    ['a service extension of 1.5 hours', 'INVALID_REMEDY', { kind: 'SERVICE_EXTENSION', extensionHours: 1.5 }],
    ['a coupon worth nothing', 'INVALID_REMEDY', { kind: 'COUPON', amount: cny(0) }],
    ['a coupon in a malformed currency', 'INVALID_REMEDY', { kind: 'COUPON', amount: { amount: 1, currency: 'y' } }],
    ['an unknown kind of remedy', 'INVALID_REMEDY', { kind: 'FREE_MONEY' } as unknown as Remedy],
  ])('refuses %s with %s', (_, code, remedyRequested) => {
    given()
      .when(aClaim().fileClaim({ remedyRequested }))
      .thenFails(code);
  });
});
