import { amountPaidOf, remedyGrantedOf, remedyRequestedOf } from '../../../projections/claim-summary/claim-summary.entity';
import { evolveClaimSummary } from '../../../projections/claim-summary/claim-summary.projection';
import { claimEvents, claimIdOf, recordedStream } from '../../support/projection-fixtures';

const claimId = claimIdOf(3);
const e = claimEvents(claimId);

function rowOf(...events: Parameters<typeof recordedStream>[1]) {
  const row = recordedStream(claimId, events).reduce(evolveClaimSummary, null);
  if (row === null) throw new Error('no row');
  return row;
}

describe('claim summary values for the API', () => {
  it('gives back money and the requested remedy as the API shows them', () => {
    const row = rowOf(e.filed({ remedyRequested: { kind: 'PARTIAL_REFUND', amount: { amount: 800, currency: 'CNY' } } }));
    expect(amountPaidOf(row)).toEqual({ amount: 2500, currency: 'CNY' });
    expect(remedyRequestedOf(row)).toEqual({ kind: 'PARTIAL_REFUND', amount: { amount: 800, currency: 'CNY' }, extensionHours: null });
  });

  it('has no granted remedy before a resolution, and the granted one after', () => {
    expect(remedyGrantedOf(rowOf(e.filed()))).toBeNull();
    const extended = rowOf(e.filed(), e.resolved({ remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 48 } }));
    expect(remedyGrantedOf(extended)).toEqual({ kind: 'SERVICE_EXTENSION', amount: null, extensionHours: 48 });
  });
});
