import type { Remedy } from '../../../services/claims';
import { actors, aClaim, commands } from '../../support/claim-builders';
import { given } from '../../support/decider';

describe('resolving a claim', () => {
  it('grants a full refund once a payment record is on file', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.resolveClaim({ remedy: { kind: 'FULL_REFUND' }, note: '核实掉线，全额退款' }))
      .then(claim.resolved({ remedy: { kind: 'FULL_REFUND' }, note: '核实掉线，全额退款' }));
  });

  it.each<Remedy>([{ kind: 'FULL_REFUND' }, { kind: 'PARTIAL_REFUND', amount: { amount: 1000, currency: 'CNY' } }])(
    'refuses a $kind without a payment record on file with PAYMENT_RECORD_REQUIRED',
    (remedy) => {
      const claim = aClaim();
      given(claim.filed(), claim.evidenceAdded({ kind: 'SCREENSHOT' }))
        .when(commands.resolveClaim({ remedy }))
        .thenFails('PAYMENT_RECORD_REQUIRED');
    },
  );

  it.each<Remedy>([
    { kind: 'SERVICE_EXTENSION', extensionHours: 72 },
    { kind: 'COUPON', amount: { amount: 500, currency: 'CNY' } },
  ])('grants a $kind without a payment record', (remedy) => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.resolveClaim({ remedy }))
      .then(claim.resolved({ remedy }));
  });

  it('grants a partial refund of exactly the amount paid', () => {
    const claim = aClaim();
    const remedy: Remedy = { kind: 'PARTIAL_REFUND', amount: { amount: 2500, currency: 'CNY' } };
    given(...claim.histories.underReview())
      .when(commands.resolveClaim({ remedy }))
      .then(claim.resolved({ remedy }));
  });

  it('refuses a partial refund above the amount paid with REFUND_EXCEEDS_PAID', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.resolveClaim({ remedy: { kind: 'PARTIAL_REFUND', amount: { amount: 2501, currency: 'CNY' } } }))
      .thenFails('REFUND_EXCEEDS_PAID');
  });

  it('refuses a partial refund in another currency than paid with INVALID_REMEDY', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.resolveClaim({ remedy: { kind: 'PARTIAL_REFUND', amount: { amount: 100, currency: 'USD' } } }))
      .thenFails('INVALID_REMEDY');
  });

  it('refuses a service extension without hours with INVALID_REMEDY', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.resolveClaim({ remedy: { kind: 'SERVICE_EXTENSION', extensionHours: null } }))
      .thenFails('INVALID_REMEDY');
  });

  it('resolves a claim that is awaiting the claimant', () => {
    const claim = aClaim();
    given(...claim.histories.awaitingClaimant())
      .when(commands.resolveClaim())
      .then(claim.resolved());
  });

  it('refuses to resolve a rejected claim that was not escalated since with INVALID_TRANSITION', () => {
    const claim = aClaim();
    given(...claim.histories.rejected())
      .when(commands.resolveClaim())
      .thenFails('INVALID_TRANSITION');
  });

  it('refuses to resolve a rejected claim escalated only before its rejection with INVALID_TRANSITION', () => {
    const claim = aClaim();
    given(...claim.histories.underReview(), claim.escalated(), claim.rejected())
      .when(commands.resolveClaim())
      .thenFails('INVALID_TRANSITION');
  });

  it('overturns a rejection once the claim was escalated after it', () => {
    const claim = aClaim();
    given(...claim.histories.rejectedThenEscalated())
      .when(commands.resolveClaim({}, actors.supervisor))
      .then(claim.resolved());
  });

  it('refuses to resolve a resolved claim again with INVALID_TRANSITION', () => {
    const claim = aClaim();
    given(...claim.histories.resolved())
      .when(commands.resolveClaim())
      .thenFails('INVALID_TRANSITION');
  });
});

describe('recording the delivery of a remedy', () => {
  it('records that the refund was paid, with its transaction reference', () => {
    const claim = aClaim();
    given(...claim.histories.resolved())
      .when(commands.recordRemedyDelivered({ transactionReference: '支付宝退款 2025060122001' }))
      .then(claim.remedyDelivered({ transactionReference: '支付宝退款 2025060122001' }));
  });

  it('refuses a second delivery with REMEDY_ALREADY_DELIVERED', () => {
    const claim = aClaim();
    given(...claim.histories.resolved({ delivered: true }))
      .when(commands.recordRemedyDelivered())
      .thenFails('REMEDY_ALREADY_DELIVERED');
  });

  it('refuses a delivery before the claim is resolved with INVALID_TRANSITION', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.recordRemedyDelivered())
      .thenFails('INVALID_TRANSITION');
  });
});

describe('closing a claim', () => {
  it('closes a resolved claim once its remedy is delivered', () => {
    const claim = aClaim();
    given(...claim.histories.resolved({ delivered: true }))
      .when(commands.closeClaim({ note: '退款已到账，结案' }))
      .then(claim.closed({ note: '退款已到账，结案' }));
  });

  it('refuses to close a resolved claim whose remedy is not delivered with REMEDY_NOT_DELIVERED', () => {
    const claim = aClaim();
    given(...claim.histories.resolved())
      .when(commands.closeClaim())
      .thenFails('REMEDY_NOT_DELIVERED');
  });

  it('closes a rejected claim', () => {
    const claim = aClaim();
    given(...claim.histories.rejected())
      .when(commands.closeClaim({}, actors.supervisor))
      .then(claim.closed());
  });

  it('refuses to close a claim still under review with INVALID_TRANSITION', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.closeClaim())
      .thenFails('INVALID_TRANSITION');
  });
});
