import { createClaimDecider } from '../../../services/claims';
import { aClaim, commands } from '../../support/claim-builders';
import { given, specFor } from '../../support/decider';

describe('resubmitting a rejected claim', () => {
  it('resubmits with the evidence added since the rejection, as resubmission number 1', () => {
    const claim = aClaim();
    given(...claim.histories.rejected({ newEvidence: true }))
      .when(commands.resubmitClaim({ note: '已补充掉线时的报错截图和支付记录' }))
      .then(
        claim.resubmitted({
          note: '已补充掉线时的报错截图和支付记录',
          evidenceIds: ['ev-after-rejection'],
          resubmission: 1,
        }),
      );
  });

  it('lists only the evidence added after the last rejection, in the order it was added', () => {
    const claim = aClaim();
    given(
      ...claim.histories.rejected(),
      claim.evidenceAdded({ evidenceId: 'ev-2' }),
      claim.evidenceAdded({ evidenceId: 'ev-1', kind: 'SERVICE_LOG' }),
    )
      .when(commands.resubmitClaim())
      .then(claim.resubmitted({ evidenceIds: ['ev-2', 'ev-1'] }));
  });

  it('refuses a resubmission without evidence added after the rejection with NO_NEW_EVIDENCE', () => {
    const claim = aClaim();
    given(...claim.histories.rejected())
      .when(commands.resubmitClaim())
      .thenFails('NO_NEW_EVIDENCE');
  });

  it('does not count evidence that was added before the last rejection', () => {
    const claim = aClaim();
    given(
      ...claim.histories.rejected({ newEvidence: true }),
      claim.resubmitted({ evidenceIds: ['ev-after-rejection'] }),
      claim.rejected({ explanation: '补充材料仍不足以证明掉线' }),
    )
      .when(commands.resubmitClaim())
      .thenFails('NO_NEW_EVIDENCE');
  });

  it('numbers a second resubmission 2', () => {
    const claim = aClaim();
    given(
      ...claim.histories.rejected({ newEvidence: true }),
      claim.resubmitted({ evidenceIds: ['ev-after-rejection'] }),
      claim.rejected(),
      claim.evidenceAdded({ evidenceId: 'ev-second' }),
    )
      .when(commands.resubmitClaim())
      .then(claim.resubmitted({ evidenceIds: ['ev-second'], resubmission: 2 }));
  });

  it('refuses a resubmission of a claim that is not rejected with INVALID_TRANSITION', () => {
    const claim = aClaim();
    given(...claim.histories.underReview(), claim.evidenceAdded({ evidenceId: 'ev-more' }))
      .when(commands.resubmitClaim())
      .thenFails('INVALID_TRANSITION');
  });
});

describe('the resubmission limit', () => {
  /** A history rejected again after `times` resubmissions, with fresh evidence each time. */
  function resubmittedTimes(claim: ReturnType<typeof aClaim>, times: number) {
    const history = claim.histories.rejected();
    for (let n = 1; n <= times; n += 1) {
      const evidence = claim.evidenceAdded({ evidenceId: `ev-${n}` });
      history.push(evidence, claim.resubmitted({ evidenceIds: [`ev-${n}`], resubmission: n }), claim.rejected());
    }
    return history;
  }

  it('allows a third resubmission under the default policy', () => {
    const claim = aClaim();
    given(...resubmittedTimes(claim, 2), claim.evidenceAdded({ evidenceId: 'ev-3' }))
      .when(commands.resubmitClaim())
      .then(claim.resubmitted({ evidenceIds: ['ev-3'], resubmission: 3 }));
  });

  it('refuses a fourth resubmission under the default policy with RESUBMISSION_LIMIT_REACHED', () => {
    const claim = aClaim();
    given(...resubmittedTimes(claim, 3), claim.evidenceAdded({ evidenceId: 'ev-4' }))
      .when(commands.resubmitClaim())
      .thenFails('RESUBMISSION_LIMIT_REACHED');
  });

  it('reports the limit rather than missing evidence, since new evidence would not help', () => {
    const claim = aClaim();
    given(...resubmittedTimes(claim, 3))
      .when(commands.resubmitClaim())
      .thenFails('RESUBMISSION_LIMIT_REACHED');
  });

  it('follows the policy’s limit', () => {
    const claim = aClaim();
    const givenOnce = specFor(createClaimDecider({ filingWindowHours: 24, maxResubmissions: 1 }));
    givenOnce(...resubmittedTimes(claim, 1), claim.evidenceAdded({ evidenceId: 'ev-2' }))
      .when(commands.resubmitClaim())
      .thenFails('RESUBMISSION_LIMIT_REACHED');
  });
});
