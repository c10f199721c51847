import type { EscalationLevel, EscalationReason, Role } from '../../../services/claims';
import { actorFor, actors, aClaim, commands } from '../../support/claim-builders';
import { given } from '../../support/decider';

describe('escalating a claim', () => {
  it('takes a claim to the platform’s management at the claimant’s request, from no escalation', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.escalateClaim({ level: 'PLATFORM_MANAGEMENT', reason: 'CLAIMANT_REQUEST' }))
      .then(claim.escalated({ level: 'PLATFORM_MANAGEMENT', previousLevel: 'NONE', reason: 'CLAIMANT_REQUEST' }));
  });

  it('carries the body and the external case reference', () => {
    const claim = aClaim();
    const details = { body: '北京市消费者协会', caseReference: '12315-2025-0601-0042' };
    given(...claim.histories.underReview())
      .when(commands.escalateClaim({ level: 'CONSUMER_ASSOCIATION', ...details }))
      .then(claim.escalated({ level: 'CONSUMER_ASSOCIATION', ...details }));
  });

  it('may skip levels, straight to court', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.escalateClaim({ level: 'COURT' }))
      .then(claim.escalated({ level: 'COURT', previousLevel: 'NONE' }));
  });

  it('records the level it came from', () => {
    const claim = aClaim();
    given(...claim.histories.filed(), claim.escalated({ level: 'CONSUMER_ASSOCIATION' }))
      .when(commands.escalateClaim({ level: 'REGULATOR' }))
      .then(claim.escalated({ level: 'REGULATOR', previousLevel: 'CONSUMER_ASSOCIATION' }));
  });

  it('is possible on a resolved claim, for example while the remedy is not delivered', () => {
    const claim = aClaim();
    given(...claim.histories.resolved())
      .when(commands.escalateClaim())
      .then(claim.escalated());
  });

  it.each<[string, EscalationLevel]>([
    ['the same level', 'CONSUMER_ASSOCIATION'],
    ['a lower level', 'PLATFORM_MANAGEMENT'],
    ['no escalation at all', 'NONE'],
  ])('refuses %s with ESCALATION_NOT_HIGHER', (_, level) => {
    const claim = aClaim();
    given(...claim.histories.filed(), claim.escalated({ level: 'CONSUMER_ASSOCIATION' }))
      .when(commands.escalateClaim({ level }))
      .thenFails('ESCALATION_NOT_HIGHER');
  });

  it('refuses level NONE even on a claim never escalated with ESCALATION_NOT_HIGHER', () => {
    const claim = aClaim();
    given(...claim.histories.filed())
      .when(commands.escalateClaim({ level: 'NONE' }))
      .thenFails('ESCALATION_NOT_HIGHER');
  });

  it('refuses anything above court with ESCALATION_NOT_HIGHER', () => {
    const claim = aClaim();
    given(...claim.histories.filed(), claim.escalated({ level: 'COURT' }))
      .when(commands.escalateClaim({ level: 'COURT' }))
      .thenFails('ESCALATION_NOT_HIGHER');
  });
});

describe('escalation reasons', () => {
  const R = 'ESCALATION_REASON_NOT_ALLOWED';
  // Who may give which reason, on a rejected claim (where a rejection can be disputed).
  const table: [Role, EscalationReason, 'allowed' | typeof R][] = [
    ['claimant', 'CLAIMANT_REQUEST', 'allowed'],
    ['claimant', 'REJECTION_DISPUTED', 'allowed'],
    ['claimant', 'AGENT_DECISION', R],
    ['claimant', 'RESPONSE_OVERDUE', R],
    ['agent', 'CLAIMANT_REQUEST', 'allowed'],
    ['agent', 'REJECTION_DISPUTED', 'allowed'],
    ['agent', 'AGENT_DECISION', 'allowed'],
    ['agent', 'RESPONSE_OVERDUE', R],
    ['supervisor', 'CLAIMANT_REQUEST', 'allowed'],
    ['supervisor', 'REJECTION_DISPUTED', 'allowed'],
    ['supervisor', 'AGENT_DECISION', 'allowed'],
    ['supervisor', 'RESPONSE_OVERDUE', R],
    ['system', 'CLAIMANT_REQUEST', R],
    ['system', 'REJECTION_DISPUTED', R],
    ['system', 'AGENT_DECISION', R],
    ['system', 'RESPONSE_OVERDUE', 'allowed'],
  ];

  it.each(table)('escalation by the %s role for %s is %s', (role, reason, expected) => {
    const claim = aClaim();
    const when = given(...claim.histories.rejected()).when(commands.escalateClaim({ reason }, actorFor(role)));
    if (expected === 'allowed') when.then(claim.escalated({ reason }));
    else when.thenFails(expected);
  });

  it('refuses disputing a rejection on a claim that is not rejected with ESCALATION_REASON_NOT_ALLOWED', () => {
    const claim = aClaim();
    given(...claim.histories.underReview())
      .when(commands.escalateClaim({ reason: 'REJECTION_DISPUTED' }))
      .thenFails('ESCALATION_REASON_NOT_ALLOWED');
  });

  it('refuses disputing a rejection once the claim was resubmitted with ESCALATION_REASON_NOT_ALLOWED', () => {
    const claim = aClaim();
    const resubmitted = claim.resubmitted({ evidenceIds: ['ev-after-rejection'] });
    given(...claim.histories.rejected({ newEvidence: true }), resubmitted)
      .when(commands.escalateClaim({ reason: 'REJECTION_DISPUTED' }, actors.agent))
      .thenFails('ESCALATION_REASON_NOT_ALLOWED');
  });

  it('lets the deadline policy escalate an overdue claim', () => {
    const claim = aClaim();
    given(...claim.histories.underReview(), claim.responseOverdue())
      .when(commands.escalateClaim({ level: 'PLATFORM_MANAGEMENT', reason: 'RESPONSE_OVERDUE' }, actors.system))
      .then(claim.escalated({ level: 'PLATFORM_MANAGEMENT', reason: 'RESPONSE_OVERDUE' }));
  });
});
