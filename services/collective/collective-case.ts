import {
  DomainError,
  escalationRank,
  remedyProblem,
  type Actor,
  type EscalationLevel,
  type Remedy,
} from '../claims';

type CaseEvent<Type extends string, Data> = { type: Type; data: Data & { caseId: string; occurredAt: string } };

/** Buyers hit by the same outage act together (集体维权): a case against a platform, optionally for one outage. */
export type CollectiveCaseOpened = CaseEvent<'CollectiveCaseOpened', { platformId: string; outageId: string | null; title: string; openedBy: Actor }>;
/** A claim joined the case. */
export type ClaimJoinedCollectiveCase = CaseEvent<'ClaimJoinedCollectiveCase', { claimId: string }>;
/** A claim left the case. */
export type ClaimLeftCollectiveCase = CaseEvent<'ClaimLeftCollectiveCase', { claimId: string }>;
/** The case went up the ladder; each member named here is escalated through its own stream. */
export type CollectiveCaseEscalated = CaseEvent<
  'CollectiveCaseEscalated',
  { level: EscalationLevel; previousLevel: EscalationLevel; body: string | null; caseReference: string | null; memberClaimIds: string[] }
>;
/** The case was resolved; each member named here is resolved with the remedy through its own stream. Final. */
export type CollectiveCaseResolved = CaseEvent<'CollectiveCaseResolved', { remedy: Remedy; note: string | null; memberClaimIds: string[] }>;

export type CollectiveCaseEvent =
  | CollectiveCaseOpened
  | ClaimJoinedCollectiveCase
  | ClaimLeftCollectiveCase
  | CollectiveCaseEscalated
  | CollectiveCaseResolved;

/** What the service read from a claim's own stream before a join or leave. */
export interface MemberClaimFacts {
  claimId: string;
  claimantId: string;
  platformId: string;
  final: boolean;
}

type Command<Type extends string, Data> = { type: Type; data: Data; actor: Actor; now: string };
export type CollectiveCaseCommand =
  | Command<'OpenCollectiveCase', { caseId: string; platformId: string; outageId: string | null; title: string }>
  | Command<'JoinCollectiveCase', { claim: MemberClaimFacts }>
  | Command<'LeaveCollectiveCase', { claim: MemberClaimFacts }>
  | Command<'EscalateCollectiveCase', { level: EscalationLevel; body: string | null; caseReference: string | null }>
  | Command<'ResolveCollectiveCase', { remedy: Remedy; note: string | null }>;

export interface OpenCase {
  caseId: string;
  platformId: string;
  openedBy: Actor;
  level: EscalationLevel;
  resolved: boolean;
  members: readonly string[];
}
export type CollectiveCaseState = OpenCase | null;

export const collectiveCaseDecider = {
  initialState: (): CollectiveCaseState => null,
  evolve,
  decide(command: CollectiveCaseCommand, state: CollectiveCaseState): CollectiveCaseEvent[] {
    if (command.type === 'OpenCollectiveCase') return [open(command, state)];
    if (!state) throw new DomainError('CASE_NOT_FOUND');
    if (state.resolved) throw new DomainError('CASE_RESOLVED');
    return [decideOnCase(command, state)];
  },
};

function evolve(state: CollectiveCaseState, event: CollectiveCaseEvent): CollectiveCaseState {
  if (event.type === 'CollectiveCaseOpened') {
    const { caseId, platformId, openedBy } = event.data;
    return { caseId, platformId, openedBy, level: 'NONE', resolved: false, members: [] };
  }
  if (!state) return state;
  switch (event.type) {
    case 'ClaimJoinedCollectiveCase':
      return { ...state, members: [...state.members, event.data.claimId] };
    case 'ClaimLeftCollectiveCase':
      return { ...state, members: state.members.filter((id) => id !== event.data.claimId) };
    case 'CollectiveCaseEscalated':
      return { ...state, level: event.data.level };
    case 'CollectiveCaseResolved':
      return { ...state, resolved: true };
  }
}

function open(command: Extract<CollectiveCaseCommand, { type: 'OpenCollectiveCase' }>, state: CollectiveCaseState): CollectiveCaseOpened {
  if (!['claimant', 'supervisor'].includes(command.actor.role)) throw new DomainError('FORBIDDEN');
  if (state) throw new DomainError('CASE_ALREADY_EXISTS');
  return { type: 'CollectiveCaseOpened', data: { ...command.data, openedBy: command.actor, occurredAt: command.now } };
}

function decideOnCase(command: Exclude<CollectiveCaseCommand, { type: 'OpenCollectiveCase' }>, state: OpenCase): CollectiveCaseEvent {
  const stamp = { caseId: state.caseId, occurredAt: command.now };
  switch (command.type) {
    case 'JoinCollectiveCase':
      return join(command.actor, command.data.claim, state, stamp);
    case 'LeaveCollectiveCase':
      mayActFor(command.actor, command.data.claim);
      if (!state.members.includes(command.data.claim.claimId)) throw new DomainError('NOT_A_MEMBER');
      return { type: 'ClaimLeftCollectiveCase', data: { ...stamp, claimId: command.data.claim.claimId } };
    case 'EscalateCollectiveCase':
      return escalate(command, state, stamp);
    case 'ResolveCollectiveCase': {
      if (command.actor.role !== 'supervisor') throw new DomainError('FORBIDDEN');
      // Amounts are checked against each member's payment when the member is resolved.
      const { remedy } = command.data;
      if (remedyProblem(remedy, { amount: Number.MAX_SAFE_INTEGER, currency: remedy.amount?.currency ?? 'CNY' })) throw new DomainError('INVALID_REMEDY');
      return { type: 'CollectiveCaseResolved', data: { ...stamp, ...command.data, memberClaimIds: [...state.members] } };
    }
  }
}

type Stamp = { caseId: string; occurredAt: string };

function join(actor: Actor, claim: MemberClaimFacts, state: OpenCase, stamp: Stamp): ClaimJoinedCollectiveCase {
  mayActFor(actor, claim);
  if (claim.final) throw new DomainError('CLAIM_FINAL');
  if (claim.platformId !== state.platformId) throw new DomainError('CASE_PLATFORM_MISMATCH');
  if (state.members.includes(claim.claimId)) throw new DomainError('ALREADY_A_MEMBER');
  return { type: 'ClaimJoinedCollectiveCase', data: { ...stamp, claimId: claim.claimId } };
}

/** A supervisor, or the claimant who opened the case, takes it up the ladder; the members then are named. */
function escalate(command: Extract<CollectiveCaseCommand, { type: 'EscalateCollectiveCase' }>, state: OpenCase, stamp: Stamp): CollectiveCaseEscalated {
  const opener = command.actor.role === 'claimant' && command.actor.id === state.openedBy.id;
  if (command.actor.role !== 'supervisor' && !opener) throw new DomainError('FORBIDDEN');
  if (escalationRank(command.data.level) <= escalationRank(state.level)) throw new DomainError('ESCALATION_NOT_HIGHER');
  const data = { ...stamp, ...command.data, previousLevel: state.level, memberClaimIds: [...state.members] };
  return { type: 'CollectiveCaseEscalated', data };
}

/** A claimant acts only for their own claim (another's reads as not found); supervisors for any. */
function mayActFor(actor: Actor, claim: MemberClaimFacts): void {
  if (actor.role === 'claimant' && actor.id !== claim.claimantId) throw new DomainError('NOT_FOUND');
  if (actor.role !== 'claimant' && actor.role !== 'supervisor') throw new DomainError('FORBIDDEN');
}

export const COLLECTIVE_STREAM_PREFIX = 'collective-';

/** The only place a collective case's stream name is built or parsed. */
export function collectiveStreamName(caseId: string): string {
  return `${COLLECTIVE_STREAM_PREFIX}${caseId.toLowerCase()}`;
}

export function caseIdOfStream(streamId: string): string | null {
  return streamId.startsWith(COLLECTIVE_STREAM_PREFIX) ? streamId.slice(COLLECTIVE_STREAM_PREFIX.length) : null;
}
