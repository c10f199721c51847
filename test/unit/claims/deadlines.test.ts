import { addCounted, countedBetween, createClaimDecider, makeUpHours, type AppliedPolicy, type ClaimEvent, type PolicyTerms, type WorkCalendar } from '../../../services/claims';
import { CONSUMER_ASSOCIATION_TERMS, builtInDefaultTerms } from '../../../services/policies/presets';
import { aClaim, actors, commands, NOW } from '../../support/claim-builders';
import { specFor } from '../../support/decider';

const CHINA: WorkCalendar = { utcOffsetMinutes: 480, holidays: ['2025-06-02'] };
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('the working-day calendar', () => {
  it('skips weekends and holidays, counting days in local time', () => {
    // Friday 2025-05-30 18:00 in Beijing; Monday 2025-06-02 is a holiday (端午节): 6 hours on Friday, 18 on Tuesday.
    const friday = at('2025-05-30T10:00:00.000Z');
    expect(new Date(addCounted(friday, 24 * HOUR, 'WORKING_DAYS', CHINA)).toISOString()).toBe('2025-06-03T10:00:00.000Z');
    expect(countedBetween(friday, at('2025-06-03T16:00:00.000Z'), 'WORKING_DAYS', CHINA)).toBe(30 * HOUR);
  });

  it('counts calendar hours as they are', () => {
    expect(addCounted(at(NOW), 48 * HOUR, 'HOURS', CHINA)).toBe(at(NOW) + 48 * HOUR);
  });

  it('gives the consumer association 7 working days to accept a complaint filed on a Friday evening', () => {
    const { calendar } = CONSUMER_ASSOCIATION_TERMS;
    const due = addCounted(at('2025-05-30T10:00:00.000Z'), 7 * 24 * HOUR, 'WORKING_DAYS', calendar);
    expect(new Date(due).toISOString()).toBe('2025-06-10T10:00:00.000Z');
  });
});

describe('automatic make-up hours', () => {
  const makeUp = { thresholdMinutes: 5, extensionFactor: 1.5, minimumExtensionHours: 2 };
  it.each([
    [5, null],
    [6, 2],
    [65, 2],
    [100, 3],
    [24 * 60, 36],
  ])('an outage of %i minutes earns %p hours', (minutes, hours) => {
    expect(makeUpHours(makeUp, minutes)).toBe(hours);
  });

  it('earns nothing where the policy makes nothing up', () => {
    expect(makeUpHours(null, 600)).toBeNull();
  });
});

function policy(overrides: Partial<PolicyTerms> = {}): AppliedPolicy {
  return { platformId: 'kameng-shop', version: 3, terms: { ...builtInDefaultTerms({ filingWindowHours: 24, maxResubmissions: 3 }), ...overrides } };
}

describe('a missed deadline on a claim filed under a policy', () => {
  const given = specFor(createClaimDecider());
  const filedUnder = (applied: AppliedPolicy, claim = aClaim()): ClaimEvent => claim.filed({ policy: applied });
  const overdueAt = (now: string, deadline: 'FIRST_RESPONSE' | 'RESOLUTION' = 'FIRST_RESPONSE') => ({
    ...commands.markResponseOverdue({ deadline, dueAt: '2000-01-01T00:00:00.000Z' }),
    now,
  });

  it('is recorded at the time the claim’s own clock says, with the policy’s escalation in the same append', () => {
    const claim = aClaim();
    const outcome = given(filedUnder(policy(), claim)).when(overdueAt('2025-06-03T12:00:00.000Z')).outcome();
    expect(outcome).toEqual({
      decided: [
        { type: 'ResponseOverdue', data: { claimId: claim.claimId, deadline: 'FIRST_RESPONSE', dueAt: '2025-06-03T12:00:00.000Z', occurredAt: '2025-06-03T12:00:00.000Z' } },
        expect.objectContaining({ type: 'ClaimEscalated', data: expect.objectContaining({ level: 'PLATFORM_MANAGEMENT', reason: 'RESPONSE_OVERDUE' }) }),
      ],
    });
  });

  it('is refused with DEADLINE_NOT_PASSED a moment before it passes', () => {
    given(filedUnder(policy())).when(overdueAt('2025-06-03T11:59:59.000Z')).thenFails('DEADLINE_NOT_PASSED');
  });

  it('is refused with DEADLINE_ALREADY_OVERDUE the second time in a round', () => {
    const claim = aClaim();
    const history = [filedUnder(policy(), claim), claim.responseOverdue({ dueAt: '2025-06-03T12:00:00.000Z' })];
    given(...history).when(overdueAt('2025-06-04T12:00:00.000Z')).thenFails('DEADLINE_ALREADY_OVERDUE');
  });

  it('does not pass while the claim awaits the claimant, nor after an answer', () => {
    const claim = aClaim();
    const history = [filedUnder(policy(), claim), claim.informationRequested()];
    given(...history).when(overdueAt('2025-06-30T12:00:00.000Z', 'RESOLUTION')).thenFails('DEADLINE_NOT_PASSED');
    given(...history).when(overdueAt('2025-06-30T12:00:00.000Z', 'FIRST_RESPONSE')).thenFails('DEADLINE_NOT_PASSED');
  });

  it('starts again with a resubmission', () => {
    const claim = aClaim();
    const history = [filedUnder(policy(), claim), claim.responseOverdue(), claim.rejected(), claim.evidenceAdded(), claim.resubmitted({ occurredAt: '2025-06-05T12:00:00.000Z' })];
    given(...history).when(overdueAt('2025-06-07T11:00:00.000Z')).thenFails('DEADLINE_NOT_PASSED');
    expect(given(...history).when(overdueAt('2025-06-07T12:00:00.000Z')).outcome()).toMatchObject({
      decided: [{ type: 'ResponseOverdue', data: { dueAt: '2025-06-07T12:00:00.000Z' } }, { type: 'ClaimEscalated' }],
    });
  });

  it('escalates only when the policy’s level is above the claim’s', () => {
    const claim = aClaim();
    const history = [filedUnder(policy(), claim), claim.escalated({ level: 'CONSUMER_ASSOCIATION' })];
    expect(given(...history).when(overdueAt('2025-06-03T12:00:00.000Z')).outcome()).toEqual({ decided: [expect.objectContaining({ type: 'ResponseOverdue' })] });
  });

  it('limits resubmissions by the policy the claim was filed under', () => {
    const claim = aClaim();
    const history = [filedUnder(policy({ maxResubmissions: 0 }), claim), claim.rejected(), claim.evidenceAdded({ evidenceId: 'ev-2' })];
    given(...history).when(commands.resubmitClaim({}, actors.claimant)).thenFails('RESUBMISSION_LIMIT_REACHED');
  });
});

describe('an outage make-up', () => {
  const given = specFor(createClaimDecider());

  it('resolves with the extension and records it delivered, naming the outage, without a payment record', () => {
    const claim = aClaim();
    const outcome = given(claim.filed()).when(commands.applyOutageMakeUp()).outcome();
    expect(outcome).toMatchObject({
      decided: [
        { type: 'ClaimResolved', data: { remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 2 }, outageId: 'outage-0601' } },
        { type: 'RemedyDelivered', data: { transactionReference: 'outage-make-up:outage-0601' } },
      ],
    });
  });

  it.each([
    ['another platform', { platformId: 'other-shop' }],
    ['another product', { product: '腾讯视频 VIP' }],
    ['an incident before it', { startedAt: '2025-06-01T10:00:01.000Z' }],
    ['an incident after it', { endedAt: '2025-06-01T09:59:59.000Z' }],
  ])('is refused with OUTAGE_DOES_NOT_COVER_CLAIM for %s', (_, data) => {
    const claim = aClaim();
    given(claim.filed()).when(commands.applyOutageMakeUp(data)).thenFails('OUTAGE_DOES_NOT_COVER_CLAIM');
  });
});
