import { claimDecider, claimStreamName, createClaimDecider, DomainError } from '../../../services/claims';
import type { ClaimCommand } from '../../../services/claims';
import { aClaim, commands, INCIDENT_AT } from '../../support/claim-builders';
import { given, specFor } from '../../support/decider';

describe('the claim decider', () => {
  it('offers initialState, evolve, decide and isTerminal', () => {
    expect(Object.keys(claimDecider).sort()).toEqual(['decide', 'evolve', 'initialState', 'isTerminal']);
  });

  it('files, then decides on the state it folded', () => {
    const claim = aClaim();
    const filed = claimDecider.decide(claim.fileClaim(), claimDecider.initialState());
    const state = filed.reduce(claimDecider.evolve, claimDecider.initialState());
    expect(claimDecider.decide(commands.assignClaim(), state)).toEqual([claim.assigned()]);
  });

  it('re-exports the shared vocabulary', () => {
    const claim = aClaim();
    expect(claimStreamName(claim.claimId)).toBe(`claim-${claim.claimId}`);
    expect(new DomainError('NOT_FOUND').code).toBe('NOT_FOUND');
  });

  it('refuses a command whose type it does not know instead of crashing', () => {
    const claim = aClaim();
    const unknown = { ...commands.closeClaim(), type: 'DeleteClaim' } as unknown as ClaimCommand;
    given(...claim.histories.filed())
      .when(unknown)
      .thenFails('FORBIDDEN');
  });
});

describe('a decider under another policy', () => {
  const givenOneHourWindow = specFor(createClaimDecider({ filingWindowHours: 1, maxResubmissions: 3 }));

  it('flags a claim filed two hours after the incident as late when the window is one hour', () => {
    const claim = aClaim();
    givenOneHourWindow()
      .when(claim.fileClaim())
      .then(claim.filed({ filingDeadline: '2025-06-01T11:00:00.000Z', filedLate: true }));
  });

  it('computes the deadline from the incident time, not the filing time', () => {
    const outcome = givenOneHourWindow()
      .when(aClaim().fileClaim({ incidentAt: '2025-06-01T11:30:00.000Z' }))
      .outcome();
    expect(outcome).toMatchObject({
      decided: [{ data: { filingDeadline: '2025-06-01T12:30:00.000Z', filedLate: false } }],
    });
  });

  it('leaves the default decider on the default policy', () => {
    const claim = aClaim();
    given()
      .when(claim.fileClaim({ incidentAt: INCIDENT_AT }))
      .then(claim.filed({ filedLate: false }));
  });
});
