import { ROLES } from '../../../services/claims';
import type {
  Actor,
  ClaimCommand,
  ClaimCommandType,
  ClaimEvent,
  EscalationReason,
  Role,
} from '../../../services/claims';
import { actorFor, actors, aClaim, commands, NOW } from '../../support/claim-builders';
import type { ClaimFixture } from '../../support/claim-builders';
import { given } from '../../support/decider';

/** A claim in which the command is valid, and the command as `actor` would send it. */
interface Scenario {
  history(claim: ClaimFixture): ClaimEvent[];
  command(claim: ClaimFixture, actor: Actor): ClaimCommand;
}

const reasonFor: Record<Role, EscalationReason> = {
  claimant: 'CLAIMANT_REQUEST',
  agent: 'AGENT_DECISION',
  supervisor: 'AGENT_DECISION',
  system: 'RESPONSE_OVERDUE',
  auditor: 'AGENT_DECISION',
  integration: 'AGENT_DECISION',
};

const SCENARIOS: Record<ClaimCommandType, Scenario> = {
  FileClaim: {
    history: () => [],
    command: (claim, actor) =>
      claim.fileClaim({ claimantId: actor.role === 'claimant' ? null : actors.claimant.id }, actor),
  },
  AssignClaim: {
    history: (claim) => claim.histories.filed(),
    command: (_, actor) =>
      commands.assignClaim({ agentId: actor.role === 'agent' ? actor.id : actors.agent.id }, actor),
  },
  AddEvidence: { history: (c) => c.histories.filed(), command: (_, actor) => commands.addEvidence({}, actor) },
  FollowUpClaim: { history: (c) => c.histories.filed(), command: (_, actor) => commands.followUpClaim({}, actor) },
  WithdrawClaim: { history: (c) => c.histories.filed(), command: (_, actor) => commands.withdrawClaim({}, actor) },
  ResubmitClaim: {
    history: (c) => c.histories.rejected({ newEvidence: true }),
    command: (_, actor) => commands.resubmitClaim({}, actor),
  },
  RequestInformation: {
    history: (c) => c.histories.filed(),
    command: (_, actor) => commands.requestInformation({}, actor),
  },
  RejectClaim: { history: (c) => c.histories.filed(), command: (_, actor) => commands.rejectClaim({}, actor) },
  ResolveClaim: {
    history: (c) => c.histories.withPaymentRecord(),
    command: (_, actor) => commands.resolveClaim({}, actor),
  },
  RecordRemedyDelivered: {
    history: (c) => c.histories.resolved(),
    command: (_, actor) => commands.recordRemedyDelivered({}, actor),
  },
  CloseClaim: { history: (c) => c.histories.rejected(), command: (_, actor) => commands.closeClaim({}, actor) },
  EscalateClaim: {
    history: (c) => c.histories.rejected(),
    command: (_, actor) => commands.escalateClaim({ reason: reasonFor[actor.role] }, actor),
  },
  MarkResponseOverdue: {
    history: (c) => c.histories.filed(),
    command: (_, actor) => commands.markResponseOverdue({}, actor),
  },
  ApplyOutageMakeUp: {
    history: (c) => c.histories.filed(),
    command: (_, actor) => commands.applyOutageMakeUp({}, actor),
  },
};

/** DESIGN.md's "Who may do what", written out by hand: Y allowed, F refused with FORBIDDEN. */
const Y = true;
const F = false;
const ROLE_COLUMNS: Role[] = ['claimant', 'agent', 'supervisor', 'auditor', 'integration', 'system'];
const MATRIX: [ClaimCommandType, boolean[]][] = [
  //                               claimant agent supervisor auditor integration system
  ['FileClaim', /*             */ [Y, Y, Y, F, F, F]],
  ['AddEvidence', /*           */ [Y, Y, Y, F, F, F]],
  ['FollowUpClaim', /*         */ [Y, F, F, F, F, F]],
  ['WithdrawClaim', /*         */ [Y, F, F, F, F, F]],
  ['ResubmitClaim', /*         */ [Y, F, F, F, F, F]],
  ['AssignClaim', /*           */ [F, Y, Y, F, F, F]],
  ['RequestInformation', /*    */ [F, Y, Y, F, F, F]],
  ['RejectClaim', /*           */ [F, Y, Y, F, F, F]],
  ['ResolveClaim', /*          */ [F, Y, Y, F, F, Y]],
  ['RecordRemedyDelivered', /* */ [F, Y, Y, F, F, F]],
  ['CloseClaim', /*            */ [F, Y, Y, F, F, F]],
  ['EscalateClaim', /*         */ [Y, Y, Y, F, F, Y]],
  ['MarkResponseOverdue', /*   */ [F, F, F, F, F, Y]],
  ['ApplyOutageMakeUp', /*     */ [F, F, F, F, F, Y]],
];

const CASES = MATRIX.flatMap(([type, cells]) => ROLE_COLUMNS.map((role, i) => ({ type, role, allowed: cells[i] })));

describe('who may do what', () => {
  it('lists every command for every role', () => {
    expect(new Set(MATRIX.map(([type]) => type))).toEqual(new Set(Object.keys(SCENARIOS)));
    expect(new Set(ROLE_COLUMNS)).toEqual(new Set(ROLES));
    expect(CASES).toHaveLength(MATRIX.length * ROLES.length);
  });

  it.each(CASES.filter((c) => c.allowed))('lets the $role role issue $type', ({ type, role }) => {
    const claim = aClaim();
    const scenario = SCENARIOS[type];
    const outcome = given(...scenario.history(claim))
      .when(scenario.command(claim, actorFor(role)))
      .outcome();
    // Events naming their claim and stamped with the command's `now` (one, or two for an outage make-up).
    const stamped = expect.objectContaining({ data: expect.objectContaining({ claimId: claim.claimId, occurredAt: NOW }) });
    expect(outcome).toEqual({ decided: type === 'ApplyOutageMakeUp' ? [stamped, stamped] : [stamped] });
  });

  it.each(CASES.filter((c) => !c.allowed))('refuses $type from the $role role with FORBIDDEN', ({ type, role }) => {
    const claim = aClaim();
    const scenario = SCENARIOS[type];
    given(...scenario.history(claim))
      .when(scenario.command(claim, actorFor(role)))
      .thenFails('FORBIDDEN');
  });
});

describe('another claimant’s claim', () => {
  const onExistingClaims = (Object.keys(SCENARIOS) as ClaimCommandType[]).filter((type) => type !== 'FileClaim');

  it.each(onExistingClaims)('reads as not found: %s from another claimant is refused with NOT_FOUND', (type) => {
    const claim = aClaim();
    const scenario = SCENARIOS[type];
    given(...scenario.history(claim))
      .when(scenario.command(claim, actors.otherClaimant))
      .thenFails('NOT_FOUND');
  });
});
