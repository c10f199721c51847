import { CLAIM_STATUSES, claimDecider } from '../../../services/claims';
import type { ClaimCommand, ClaimEvent, ClaimStatus, DomainErrorCode } from '../../../services/claims';
import { actors, aClaim, commands } from '../../support/claim-builders';
import type { ClaimFixture } from '../../support/claim-builders';
import { given } from '../../support/decider';

const TO_REGULATOR = { level: 'REGULATOR', reason: 'AGENT_DECISION' } as const;

const COLUMNS = [
  ['AssignClaim', () => commands.assignClaim({ agentId: actors.otherAgent.id }, actors.supervisor), 'ClaimAssigned'],
  ['AddEvidence', () => commands.addEvidence({ evidenceId: 'ev-new' }), 'EvidenceAdded'],
  ['RequestInformation', () => commands.requestInformation(), 'InformationRequested'],
  ['RejectClaim', () => commands.rejectClaim(), 'ClaimRejected'],
  ['ResubmitClaim', () => commands.resubmitClaim(), 'ClaimResubmitted'],
  ['EscalateClaim', () => commands.escalateClaim(TO_REGULATOR, actors.agent), 'ClaimEscalated'],
  ['ResolveClaim', () => commands.resolveClaim(), 'ClaimResolved'],
  ['RecordRemedyDelivered', () => commands.recordRemedyDelivered(), 'RemedyDelivered'],
  ['WithdrawClaim', () => commands.withdrawClaim(), 'ClaimWithdrawn'],
  ['CloseClaim', () => commands.closeClaim(), 'ClaimClosed'],
  ['FollowUpClaim', () => commands.followUpClaim(), 'ClaimantFollowedUp'],
  ['MarkResponseOverdue', () => commands.markResponseOverdue(), 'ResponseOverdue'],
  ['ApplyOutageMakeUp', () => commands.applyOutageMakeUp(), 'ClaimResolved'],
] as const satisfies readonly (readonly [ClaimCommand['type'], () => ClaimCommand, ClaimEvent['type']])[];

type Cell = ClaimStatus | DomainErrorCode;
const X = 'INVALID_TRANSITION';
const FINAL = 'CLAIM_FINAL';
const F = 'FILED';
const UR = 'UNDER_REVIEW';
const AC = 'AWAITING_CLAIMANT';
const RJ = 'REJECTED';
const RS = 'RESOLVED';
const CL = 'CLOSED';
const WD = 'WITHDRAWN';
const ND = 'REMEDY_NOT_DELIVERED';
const AD = 'REMEDY_ALREADY_DELIVERED';

/** The situations a claim can be in, as histories (a payment record is on file in each). */
const SITUATIONS: Record<string, (claim: ClaimFixture) => ClaimEvent[]> = {
  FILED: (c) => c.histories.withPaymentRecord(),
  UNDER_REVIEW: (c) => c.histories.underReview(),
  AWAITING_CLAIMANT: (c) => c.histories.awaitingClaimant(),
  'REJECTED (new evidence since)': (c) => c.histories.rejected({ newEvidence: true }),
  'REJECTED (new evidence, escalated since)': (c) => [
    ...c.histories.rejected({ newEvidence: true }),
    c.escalated({ reason: 'REJECTION_DISPUTED' }),
  ],
  'RESOLVED (remedy not delivered)': (c) => c.histories.resolved(),
  'RESOLVED (remedy delivered)': (c) => c.histories.resolved({ delivered: true }),
  CLOSED: (c) => c.histories.closed(),
  WITHDRAWN: (c) => c.histories.withdrawn(),
};
/**
 * DESIGN.md's transition table, cell by cell: for each situation, what each command does — the status
 * it leaves the claim in, or the error it is refused with. Written out by hand, independently of the
 * rules' own data, so that a change to either shows up here.
 */
const ROWS: [keyof typeof SITUATIONS, Cell[]][] = [
  // Columns as in COLUMNS: assign, evidence, request info, reject, resubmit, escalate, resolve,
  // deliver, withdraw, close, follow up, overdue, outage make-up.
  ['FILED', /*                             */ [UR, F, AC, RJ, X, F, RS, X, WD, X, F, F, RS]],
  ['UNDER_REVIEW', /*                      */ [UR, UR, AC, RJ, X, UR, RS, X, WD, X, UR, UR, RS]],
  ['AWAITING_CLAIMANT', /*                 */ [AC, UR, X, RJ, X, AC, RS, X, WD, X, AC, AC, RS]],
  ['REJECTED (new evidence since)', /*     */ [X, RJ, X, X, UR, RJ, X, X, WD, CL, RJ, RJ, RS]],
  ['REJECTED (new evidence, escalated since)', [X, RJ, X, X, UR, RJ, RS, X, WD, CL, RJ, RJ, RS]],
  ['RESOLVED (remedy not delivered)', /*   */ [X, RS, X, X, X, RS, X, RS, WD, ND, RS, RS, X]],
  ['RESOLVED (remedy delivered)', /*       */ [X, RS, X, X, X, RS, X, AD, WD, CL, RS, RS, X]],
  ['CLOSED', /*                            */ Array<Cell>(13).fill(FINAL)],
  ['WITHDRAWN', /*                         */ Array<Cell>(13).fill(FINAL)],
];

const CASES = ROWS.flatMap(([situation, cells]) =>
  COLUMNS.map(([type, command, eventType], column) => ({
    situation,
    history: SITUATIONS[situation],
    type,
    command,
    eventType,
    cell: cells[column],
  })),
);

function isStatus(cell: Cell): cell is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(cell);
}

describe('the transition table', () => {
  const accepted = CASES.filter((c) => isStatus(c.cell));
  const refused = CASES.filter((c) => !isStatus(c.cell));

  it.each(accepted)('in $situation, $type is accepted and leaves the claim $cell', (c) => {
    const claim = aClaim();
    const state = c.history(claim).reduce(claimDecider.evolve, claimDecider.initialState());
    const events = claimDecider.decide(c.command(), state);
    // The command's own event first (outage make-up also records the extension as delivered).
    expect(events[0].type).toBe(c.eventType);
    expect(events.reduce(claimDecider.evolve, state).status).toBe(c.cell);
  });

  it.each(refused)('in $situation, $type is refused with $cell', (c) => {
    const claim = aClaim();
    given(...c.history(claim))
      .when(c.command())
      .thenFails(c.cell as DomainErrorCode);
  });

  it('covers every command on an existing claim in every status', () => {
    expect(new Set(CASES.map((c) => c.type)).size).toBe(13);
    expect(ROWS.every(([, cells]) => cells.length === COLUMNS.length)).toBe(true);
    expect(ROWS.map(([situation]) => situation)).toEqual(Object.keys(SITUATIONS));
    const statuses = Object.values(SITUATIONS).map(
      (history) => history(aClaim()).reduce(claimDecider.evolve, claimDecider.initialState()).status,
    );
    expect(new Set(statuses)).toEqual(new Set(CLAIM_STATUSES));
  });

  it.each(CLAIM_STATUSES)('refuses filing again on a claim that is %s with CLAIM_ALREADY_EXISTS', (status) => {
    const claim = aClaim();
    given(...claim.histories.in(status))
      .when(claim.fileClaim())
      .thenFails('CLAIM_ALREADY_EXISTS');
  });

  it('files a claim only on an empty stream, leaving it FILED', () => {
    const claim = aClaim();
    const state = claimDecider.initialState();
    const events = claimDecider.decide(claim.fileClaim(), state);
    expect(events.reduce(claimDecider.evolve, state).status).toBe('FILED');
  });
});
