import { evolveClaimSummary } from '../../../projections/claim-summary/claim-summary.projection';
import type { ClaimSummaryRow } from '../../../projections/claim-summary/claim-summary.entity';
import { collectiveCaseProjection, collectiveMemberProjection } from '../../../projections/collective-cases/collective-case.projection';
import { evolveOutage } from '../../../projections/outages/outage.projection';
import type { RecordedEvent } from '../../../services/event-store';
import { builtInDefaultTerms } from '../../../services/policies/presets';
import { claimEvents, claimIdOf, FILED_AT, minutesAfter, recordedStream } from '../../support/projection-fixtures';

const claimId = claimIdOf(42);
const e = claimEvents(claimId);
const policy = { platformId: 'kameng-xingchen', version: 4, terms: builtInDefaultTerms({ filingWindowHours: 24, maxResubmissions: 3 }) };

function project(events: readonly RecordedEvent[], start: ClaimSummaryRow | null = null) {
  return events.reduce<ClaimSummaryRow | null>((row, event) => evolveClaimSummary(row, event), start);
}

function recorded(streamId: string, revision: number, type: string, data: object): RecordedEvent {
  return { streamId, revision: BigInt(revision), position: BigInt(100 + revision), id: `${streamId}-${revision}`, type, data, metadata: {}, recordedAt: new Date(FILED_AT) };
}

describe('the claim summary’s deadline columns', () => {
  it('show the policy and the due times from filing, paused while the claim awaits the claimant', () => {
    const filed = project(recordedStream(claimId, [e.filed({ policy })]));
    expect(filed).toMatchObject({
      policyPlatformId: 'kameng-xingchen',
      policyVersion: 4,
      deadlineRound: 1,
      responseDueAt: '2025-06-03T12:00:00.000Z',
      resolutionDueAt: '2025-06-08T12:00:00.000Z',
      deadlinesPaused: false,
    });
    const paused = project(recordedStream(claimId, [e.filed({ policy }), e.informationRequested({ occurredAt: minutesAfter(FILED_AT, 60) })]));
    expect(paused).toMatchObject({ responseDueAt: null, resolutionDueAt: null, deadlinesPaused: true });
  });

  it('flag an overdue deadline until it is met, and name the outage that made the claim up', () => {
    const history = [e.filed({ policy }), e.responseOverdue({ deadline: 'FIRST_RESPONSE' })];
    expect(project(recordedStream(claimId, history))).toMatchObject({ responseOverdue: true, overdue: true });
    const madeUp = e.resolved({ remedy: { kind: 'SERVICE_EXTENSION', extensionHours: 2 }, outageId: 'outage-1' });
    expect(project(recordedStream(claimId, [...history, madeUp]))).toMatchObject({ responseOverdue: true, overdue: false, compensatedByOutageId: 'outage-1' });
  });
});

describe('the outage and collective read models', () => {
  const reported = recorded('outage-o1', 0, 'OutageReported', { outageId: 'o1', platformId: 'p', product: null, startedAt: FILED_AT, description: 'd', occurredAt: FILED_AT });
  const ended = recorded('outage-o1', 1, 'OutageEnded', { outageId: 'o1', endedAt: minutesAfter(FILED_AT, 30), durationMinutes: 30, makeUp: { extensionHours: 1, policy: { platformId: null, version: 0 } }, occurredAt: FILED_AT });

  it('record an outage’s make-up and the event that granted it, unchanged by a replayed event', () => {
    const row = [reported, ended, ended, reported].reduce(evolveOutage, null);
    expect(row).toMatchObject({ id: 'o1', durationMinutes: 30, makeUpExtensionHours: 1, makeUpPolicyVersion: 0, makeUpEventId: 'outage-o1-1', revision: 1 });
  });

  it('count members as they join and leave, and drop a member’s row when it leaves', () => {
    const opened = recorded('collective-c1', 0, 'CollectiveCaseOpened', { caseId: 'c1', platformId: 'p', outageId: null, title: 't', openedBy: { id: 's', role: 'supervisor' }, occurredAt: FILED_AT });
    const joined = recorded('collective-c1', 1, 'ClaimJoinedCollectiveCase', { caseId: 'c1', claimId: 'k1', occurredAt: FILED_AT });
    const left = recorded('collective-c1', 2, 'ClaimLeftCollectiveCase', { caseId: 'c1', claimId: 'k1', occurredAt: FILED_AT });
    const row = [opened, joined, joined, left].reduce(collectiveCaseProjection.evolve, null);
    expect(row).toMatchObject({ memberCount: 0, revision: 2 });
    expect(collectiveMemberProjection.keyOf(joined)).toBe('c1:k1');
    expect(collectiveMemberProjection.evolve(collectiveMemberProjection.evolve(null, joined), left)).toBeNull();
  });
});
