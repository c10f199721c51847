import { claimDecider } from '../../../services/claims';
import type { ClaimCommand } from '../../../services/claims';
import { actors, aClaim, commands } from '../../support/claim-builders';
import { given } from '../../support/decider';

const COMMANDS_ON_A_CLAIM: [string, () => ClaimCommand][] = Object.entries(commands).map(([name, build]) => [
  name,
  () => build(),
]);

describe('guards, in their fixed order', () => {
  it.each(COMMANDS_ON_A_CLAIM)('refuses %s on a claim that does not exist with NOT_FOUND', (_, command) => {
    given().when(command()).thenFails('NOT_FOUND');
  });

  it('answers NOT_FOUND rather than FORBIDDEN to an auditor acting on a claim that does not exist', () => {
    given()
      .when(commands.closeClaim({}, actors.auditor))
      .thenFails('NOT_FOUND');
  });

  it('answers CLAIM_ALREADY_EXISTS rather than FORBIDDEN to an auditor filing with a taken id', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(claim.fileClaim({}, actors.auditor))
      .thenFails('CLAIM_ALREADY_EXISTS');
  });

  it('answers NOT_FOUND rather than FORBIDDEN to a claimant using an agent’s command on another’s claim', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.rejectClaim({}, actors.otherClaimant))
      .thenFails('NOT_FOUND');
  });

  it('answers NOT_FOUND rather than CLAIM_FINAL to a claimant acting on another’s closed claim', () => {
    const claim = aClaim();
    given(...claim.histories.closed())
      .when(commands.followUpClaim({}, actors.otherClaimant))
      .thenFails('NOT_FOUND');
  });

  it('answers FORBIDDEN rather than CLAIM_FINAL to an auditor acting on a closed claim', () => {
    const claim = aClaim();
    given(...claim.histories.closed())
      .when(commands.addEvidence({}, actors.auditor))
      .thenFails('FORBIDDEN');
  });

  it('answers CLAIM_FINAL rather than INVALID_TRANSITION to a resubmission of a withdrawn claim', () => {
    const claim = aClaim();
    given(...claim.histories.withdrawn())
      .when(commands.resubmitClaim())
      .thenFails('CLAIM_FINAL');
  });

  it('answers CLAIM_FINAL rather than REMEDY_ALREADY_DELIVERED on a closed claim', () => {
    const claim = aClaim();
    given(...claim.histories.closed())
      .when(commands.recordRemedyDelivered())
      .thenFails('CLAIM_FINAL');
  });

  it('answers INVALID_TRANSITION rather than EXPLANATION_REQUIRED to rejecting a resolved claim', () => {
    const claim = aClaim();
    given(...claim.histories.resolved())
      .when(commands.rejectClaim({ explanation: ' ' }))
      .thenFails('INVALID_TRANSITION');
  });
});

describe('what the decider takes and gives', () => {
  it('stamps every event with the claim id and the command’s own time', () => {
    const claim = aClaim();
    const later = '2025-06-03T08:15:00.000Z';
    given(...claim.histories.filed())
      .when({ ...commands.followUpClaim(), now: later })
      .then(claim.followedUp({ occurredAt: later }));
  });

  it('returns plain { type, data } events and never copies metadata from the command', () => {
    const claim = aClaim();
    const command = { ...commands.addEvidence(), metadata: { commandId: 'cmd-1', correlationId: 'corr-1' } };
    const outcome = given(...claim.histories.filed())
      .when(command)
      .outcome();
    expect(outcome).toEqual({ decided: [claim.evidenceAdded()] });
    if ('decided' in outcome) expect(Object.keys(outcome.decided[0]).sort()).toEqual(['data', 'type']);
  });

  it('copies only known fields of the command’s data into the event', () => {
    const claim = aClaim();
    const data = { ...commands.withdrawClaim().data, password: 'hunter2' };
    given(...claim.histories.filed())
      .when({ ...commands.withdrawClaim(), data })
      .then(claim.withdrawn());
  });

  it('leaves the state it decides on unchanged, and decides the same way twice', () => {
    const claim = aClaim();
    const history = claim.histories.rejected({ newEvidence: true });
    const state = deepFreeze(history.reduce(claimDecider.evolve, claimDecider.initialState()));
    const first = claimDecider.decide(commands.resubmitClaim(), state);
    expect(claimDecider.decide(commands.resubmitClaim(), state)).toEqual(first);
  });

  it('throws a DomainError with a readable message', () => {
    const claim = aClaim();
    const command = claim.fileClaim({ incidentAt: '2099-01-01T00:00:00.000Z' });
    expect(() => claimDecider.decide(command, claimDecider.initialState())).toThrow(
      expect.objectContaining({
        name: 'DomainError',
        code: 'INCIDENT_IN_FUTURE',
        message: 'the incident time lies in the future',
      }),
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
