import type { Actor } from '../../../services/claims';
import { collectiveCaseDecider, type CollectiveCaseCommand } from '../../../services/collective/collective-case';
import { outageDecider, type OutageCommand } from '../../../services/outages/outage';
import { policyDecider } from '../../../services/policies/policy';
import { builtInDefaultTerms } from '../../../services/policies/presets';
import { specFor } from '../../support/decider';

const NOW = '2026-03-02T12:00:00.000Z';
const TERMS = builtInDefaultTerms({ filingWindowHours: 24, maxResubmissions: 3 });
const supervisor: Actor = { id: 'supervisor-sun', role: 'supervisor' };
const monitoring: Actor = { id: 'kameng-monitoring', role: 'integration' };

describe('the policy stream', () => {
  const given = specFor(policyDecider);
  const set = (actor: Actor = supervisor, terms = TERMS) => ({ type: 'SetPlatformPolicy' as const, data: { platformId: 'kameng-shop', terms }, actor, now: NOW });

  it('numbers versions from 1', () => {
    const first = { type: 'PlatformPolicySet' as const, data: { platformId: 'kameng-shop', version: 1, terms: TERMS, occurredAt: NOW } };
    given().when(set()).then(first);
    given(first).when(set()).then({ ...first, data: { ...first.data, version: 2 } });
  });

  it('refuses anyone but a supervisor with FORBIDDEN, and bad terms with INVALID_POLICY', () => {
    given().when(set({ id: 'agent-zhao', role: 'agent' })).thenFails('FORBIDDEN');
    given().when(set(supervisor, { ...TERMS, makeUp: { thresholdMinutes: 5, extensionFactor: 0, minimumExtensionHours: 1 } })).thenFails('INVALID_POLICY');
  });
});

describe('the outage stream', () => {
  const given = specFor(outageDecider);
  const policy = { platformId: null, version: 0, terms: TERMS };
  const report = (data: Partial<Extract<OutageCommand, { type: 'ReportOutage' }>['data']> = {}, actor = monitoring): OutageCommand => ({
    type: 'ReportOutage',
    data: { outageId: 'o-1', platformId: 'kameng-shop', product: null, startedAt: '2026-03-02T09:00:00.000Z', endedAt: null, description: '掉线', policy, ...data },
    actor,
    now: NOW,
  });
  const reported = { type: 'OutageReported' as const, data: { outageId: 'o-1', platformId: 'kameng-shop', product: null, startedAt: '2026-03-02T09:00:00.000Z', description: '掉线', occurredAt: NOW } };
  const end = (endedAt: string): OutageCommand => ({ type: 'EndOutage', data: { endedAt, policy }, actor: monitoring, now: NOW });

  it('records the make-up an outage longer than the threshold earned, with the policy version', () => {
    given(reported).when(end('2026-03-02T09:30:00.000Z')).then({
      type: 'OutageEnded',
      data: { outageId: 'o-1', endedAt: '2026-03-02T09:30:00.000Z', durationMinutes: 30, makeUp: { extensionHours: 1, policy: { platformId: null, version: 0 } }, occurredAt: NOW },
    });
  });

  it('reports start and end in one go', () => {
    const outcome = given().when(report({ endedAt: '2026-03-02T09:04:00.000Z' })).outcome();
    expect(outcome).toMatchObject({ decided: [{ type: 'OutageReported' }, { type: 'OutageEnded', data: { durationMinutes: 4, makeUp: null } }] });
  });

  it('refuses claimants, repeats, a second end and impossible times', () => {
    given().when(report({}, { id: 'buyer-li', role: 'claimant' })).thenFails('FORBIDDEN');
    given(reported).when(report()).thenFails('OUTAGE_ALREADY_REPORTED');
    given(reported).when(end('2026-03-02T08:00:00.000Z')).thenFails('INVALID_OUTAGE_TIMES');
    given(reported).when(end('2026-03-02T13:00:00.000Z')).thenFails('INVALID_OUTAGE_TIMES');
    given().when(end('2026-03-02T10:00:00.000Z')).thenFails('OUTAGE_NOT_FOUND');
  });
});

describe('the collective case stream', () => {
  const given = specFor(collectiveCaseDecider);
  const buyer: Actor = { id: 'buyer-li', role: 'claimant' };
  const command = <C extends CollectiveCaseCommand>(type: C['type'], data: C['data'], actor: Actor = supervisor) => ({ type, data, actor, now: NOW }) as C;
  const opened = { type: 'CollectiveCaseOpened' as const, data: { caseId: 'c-1', platformId: 'kameng-shop', outageId: null, title: '集体维权', openedBy: buyer, occurredAt: NOW } };
  const joined = (claimId: string) => ({ type: 'ClaimJoinedCollectiveCase' as const, data: { caseId: 'c-1', claimId, occurredAt: NOW } });
  const facts = { claimId: 'claim-1', claimantId: 'buyer-li', platformId: 'kameng-shop', final: false };

  it('lets a claimant add their own claim, and names the members in an escalation', () => {
    given(opened).when(command('JoinCollectiveCase', { claim: facts }, buyer)).then(joined('claim-1'));
    const escalate = command('EscalateCollectiveCase', { level: 'CONSUMER_ASSOCIATION', body: null, caseReference: null }, buyer);
    expect(given(opened, joined('claim-1'), joined('claim-2')).when(escalate).outcome()).toMatchObject({
      decided: [{ type: 'CollectiveCaseEscalated', data: { memberClaimIds: ['claim-1', 'claim-2'], previousLevel: 'NONE' } }],
    });
  });

  it('refuses another claimant’s claim as not found, a final claim, and a lower level', () => {
    given(opened).when(command('JoinCollectiveCase', { claim: { ...facts, claimantId: 'buyer-wang' } }, buyer)).thenFails('NOT_FOUND');
    given(opened).when(command('JoinCollectiveCase', { claim: { ...facts, final: true } })).thenFails('CLAIM_FINAL');
    const escalated = { type: 'CollectiveCaseEscalated' as const, data: { caseId: 'c-1', level: 'REGULATOR' as const, previousLevel: 'NONE' as const, body: null, caseReference: null, memberClaimIds: [], occurredAt: NOW } };
    given(opened, escalated).when(command('EscalateCollectiveCase', { level: 'CONSUMER_ASSOCIATION', body: null, caseReference: null })).thenFails('ESCALATION_NOT_HIGHER');
  });
});
