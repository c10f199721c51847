import { evidenceInput, type MutationName } from './documents';
import type { Stage } from './matrix-claims';
import { CALLERS, CALLER_NOUNS, IDENTITIES, type Caller } from './matrix-roles';

/**
 * DESIGN.md's "Who may do what" as data. A cell says what a caller gets: the command done, a
 * refusal code, or (for reads) the claim hidden as if it did not exist.
 */
export type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';
export type ReadOutcome = 'sees' | 'hidden' | 'UNAUTHENTICATED';

const A = 'allowed';
const F = 'FORBIDDEN';
const N = 'NOT_FOUND';
const U = 'UNAUTHENTICATED';

/** One command on an existing claim: the stage its rules accept, its input, the event it records. */
export interface CommandSpec {
  mutation: Exclude<MutationName, 'fileClaim'>;
  /** The verb phrase of test names: "may …". */
  does: string;
  stage: Stage;
  input(claimId: string): Record<string, unknown>;
  event: string;
}

const COMMANDS: readonly CommandSpec[] = [
  {
    mutation: 'addEvidence', does: 'add evidence', stage: 'filed', event: 'EvidenceAdded',
    input: (claimId) => evidenceInput(claimId),
  },
  {
    mutation: 'assignClaim', does: 'assign the claim to an agent', stage: 'filed', event: 'ClaimAssigned',
    input: (claimId) => ({ claimId, agentId: IDENTITIES.agent.subject }),
  },
  {
    mutation: 'requestInformation', does: 'request information', stage: 'filed', event: 'InformationRequested',
    input: (claimId) => ({ claimId, message: '请提供掉线时的截图' }),
  },
  {
    mutation: 'rejectClaim', does: 'reject the claim', stage: 'filed', event: 'ClaimRejected',
    input: (claimId) => ({ claimId, reason: 'NOT_COVERED', explanation: '不在保障范围内' }),
  },
  {
    mutation: 'resubmitClaim', does: 'resubmit the claim', stage: 'rejectedWithNewEvidence', event: 'ClaimResubmitted',
    input: (claimId) => ({ claimId, note: '已补充付款记录' }),
  },
  {
    mutation: 'escalateClaim', does: "escalate at the claimant's request", stage: 'filed', event: 'ClaimEscalated',
    input: (claimId) => ({ claimId, level: 'PLATFORM_MANAGEMENT', reason: 'CLAIMANT_REQUEST' }),
  },
  {
    mutation: 'resolveClaim', does: 'resolve the claim with a refund', stage: 'paymentRecordOnFile', event: 'ClaimResolved',
    input: (claimId) => ({ claimId, remedy: { kind: 'FULL_REFUND' } }),
  },
  {
    mutation: 'recordRemedyDelivered', does: 'record the remedy delivered', stage: 'resolved', event: 'RemedyDelivered',
    input: (claimId) => ({ claimId, transactionReference: 'ALIPAY-REFUND-0001' }),
  },
  {
    mutation: 'withdrawClaim', does: 'withdraw the claim', stage: 'filed', event: 'ClaimWithdrawn',
    input: (claimId) => ({ claimId, reason: '平台已补偿' }),
  },
  {
    mutation: 'closeClaim', does: 'close a rejected claim', stage: 'rejected', event: 'ClaimClosed',
    input: (claimId) => ({ claimId, note: '结案' }),
  },
  {
    mutation: 'followUpClaim', does: 'follow up on the claim', stage: 'filed', event: 'ClaimantFollowedUp',
    input: (claimId) => ({ claimId, message: '请尽快处理' }),
  },
];

/**
 * What each caller gets for each command on the owner's claim, in {@link CALLERS} order. Another
 * claimant's refusals read NOT_FOUND: the decider hides the claim before it looks at the role.
 */
const COMMAND_OUTCOMES: Readonly<Record<CommandSpec['mutation'], readonly Outcome[]>> = {
  //                      owner other agent supervisor auditor integration anonymous
  addEvidence:           [A,    N,    A,    A,         F,      F,          U],
  assignClaim:           [F,    N,    A,    A,         F,      F,          U],
  requestInformation:    [F,    N,    A,    A,         F,      F,          U],
  rejectClaim:           [F,    N,    A,    A,         F,      F,          U],
  resubmitClaim:         [A,    N,    F,    F,         F,      F,          U],
  escalateClaim:         [A,    N,    A,    A,         F,      F,          U],
  resolveClaim:          [F,    N,    A,    A,         F,      F,          U],
  recordRemedyDelivered: [F,    N,    A,    A,         F,      F,          U],
  withdrawClaim:         [A,    N,    F,    F,         F,      F,          U],
  closeClaim:            [F,    N,    A,    A,         F,      F,          U],
  followUpClaim:         [A,    N,    F,    F,         F,      F,          U],
};

/** Filing: a claimant for themself, agents and supervisors on the owner's behalf, readers never. */
const FILE_OUTCOMES: readonly Outcome[] = [A, A, A, A, F, F, U];

/** Reading the owner's claim, the list and the history: everyone with a token but another claimant. */
const READ_OUTCOMES: readonly ReadOutcome[] = ['sees', 'hidden', 'sees', 'sees', 'sees', 'sees', 'UNAUTHENTICATED'];

/** One cell of the command matrix, named as a sentence. */
export interface CommandCell {
  name: string;
  caller: Caller;
  command: CommandSpec;
  outcome: Outcome;
}

/** Every (caller, command) cell, grouped by command. */
export function commandCells(): CommandCell[] {
  return COMMANDS.flatMap((command) =>
    CALLERS.map((caller, column) => {
      const outcome = COMMAND_OUTCOMES[command.mutation][column];
      return { name: sentence(caller, command.does, outcome), caller, command, outcome };
    }),
  );
}

/** "an agent may reject the claim", "an auditor may not reject the claim (FORBIDDEN)". */
export function sentence(caller: Caller, does: string, outcome: Outcome | ReadOutcome): string {
  const allowed = outcome === 'allowed' || outcome === 'sees';
  const suffix = outcome === 'hidden' ? ' (it reads as not found)' : allowed ? '' : ` (${outcome})`;
  return `${CALLER_NOUNS[caller]} ${allowed ? 'may' : 'may not'} ${does}${suffix}`;
}

/** One caller filing a claim: what they send as `claimantId`, and whose claim it becomes if allowed. */
export interface FileCell {
  name: string;
  caller: Caller;
  outcome: Outcome;
  /** Claimants name no one (they file for themself); everyone else names the owner. */
  claimantId: string | null;
  filedFor: string;
}

/** Every caller filing a claim. */
export function fileCells(): FileCell[] {
  return CALLERS.map((caller, column) => {
    const claimant = caller === 'owner' || caller === 'otherClaimant';
    const does = claimant ? 'file a claim for themself' : "file a claim on a claimant's behalf";
    const outcome = FILE_OUTCOMES[column];
    return {
      name: sentence(caller, does, outcome),
      caller,
      outcome,
      claimantId: claimant ? null : IDENTITIES.owner.subject,
      filedFor: caller === 'otherClaimant' ? IDENTITIES.otherClaimant.subject : IDENTITIES.owner.subject,
    };
  });
}

/** One caller reading the owner's claim one way (`does`, e.g. "read the claim by id"). */
export interface ReadCell {
  name: string;
  caller: Caller;
  outcome: ReadOutcome;
}

/** Every caller reading the owner's claim one way. */
export function readCells(does: string): ReadCell[] {
  return CALLERS.map((caller, column) => {
    const outcome = READ_OUTCOMES[column];
    return { name: sentence(caller, does, outcome), caller, outcome };
  });
}
