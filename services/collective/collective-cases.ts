import { claimDecider, claimStreamName, DomainError, type Actor, type ClaimEvent, type EscalationLevel, type Remedy } from '../claims';
import type { ClaimService } from '../claim-service';
import type { RecordedEvent } from '../event-store';
import { metadataOf } from '../metadata';
import { runStreamCommand, type StreamWriterDeps } from '../streams/stream-writer';
import { applyToMember, type MemberAction, type SystemOutcome } from '../system-actions';
import {
  collectiveCaseDecider,
  collectiveStreamName,
  type CollectiveCaseCommand,
  type CollectiveCaseEvent,
  type MemberClaimFacts,
} from './collective-case';

export interface CollectiveCasesDeps extends StreamWriterDeps {
  claims: ClaimService;
  clock: () => Date;
}

/** Ids that make a request idempotent and traceable. */
export interface RequestIds {
  commandId: string;
  correlationId: string;
}

/**
 * Collective cases (集体维权): commands on `collective-<id>` streams, and the fan-out of an
 * escalation or resolution to every member claim through the claim's own stream.
 */
export class CollectiveCases {
  constructor(private readonly deps: CollectiveCasesDeps) {}

  open(data: { caseId: string; platformId: string; outageId: string | null; title: string }, actor: Actor, ids: RequestIds) {
    return this.run(data.caseId, { type: 'OpenCollectiveCase', data }, actor, ids);
  }

  async join(caseId: string, claimId: string, actor: Actor, ids: RequestIds) {
    const claim = await this.factsOf(claimId);
    return this.run(caseId, { type: 'JoinCollectiveCase', data: { claim } }, actor, ids);
  }

  async leave(caseId: string, claimId: string, actor: Actor, ids: RequestIds) {
    const claim = await this.factsOf(claimId);
    return this.run(caseId, { type: 'LeaveCollectiveCase', data: { claim } }, actor, ids);
  }

  /** Escalates the case, then each member (also done by the fan-out worker, should this process stop half-way). */
  async escalate(caseId: string, data: { level: EscalationLevel; body: string | null; caseReference: string | null }, actor: Actor, ids: RequestIds) {
    const result = await this.run(caseId, { type: 'EscalateCollectiveCase', data }, actor, ids);
    await this.fanOut(result.events[0]);
    return result;
  }

  /** Resolves the case, then each member (see `escalate`). */
  async resolve(caseId: string, data: { remedy: Remedy; note: string | null }, actor: Actor, ids: RequestIds) {
    const result = await this.run(caseId, { type: 'ResolveCollectiveCase', data }, actor, ids);
    await this.fanOut(result.events[0]);
    return result;
  }

  /**
   * Applies a case event to each member it names, one after another, each at most once (the command
   * id comes from the case event and the member). Other case events ask nothing of members.
   */
  async fanOut(recorded: RecordedEvent): Promise<SystemOutcome[]> {
    const action = memberAction(recorded.data as CollectiveCaseEvent['data'], recorded.type);
    if (!action) return [];
    const caseEvent = { id: recorded.id, correlationId: metadataOf(recorded).correlationId ?? recorded.id };
    const outcomes: SystemOutcome[] = [];
    for (const claimId of (recorded.data as { memberClaimIds: string[] }).memberClaimIds) {
      outcomes.push(await applyToMember(this.deps.claims, caseEvent, claimId, action));
    }
    return outcomes;
  }

  private run(caseId: string, command: Omit<CollectiveCaseCommand, 'actor' | 'now'>, actor: Actor, ids: RequestIds) {
    const full = { ...command, actor, now: this.deps.clock().toISOString() } as CollectiveCaseCommand;
    return runStreamCommand(this.deps, collectiveCaseDecider, collectiveStreamName(caseId), full, { ...ids, actor });
  }

  private async factsOf(claimId: string): Promise<MemberClaimFacts> {
    const events = await this.deps.store.readStream(claimStreamName(claimId));
    const state = events.reduce((s, e) => claimDecider.evolve(s, e as ClaimEvent), claimDecider.initialState());
    if (!state.exists) throw new DomainError('NOT_FOUND');
    return { claimId: state.claimId, claimantId: state.claimantId, platformId: state.platformId, final: claimDecider.isTerminal(state) };
  }
}

function memberAction(data: CollectiveCaseEvent['data'], type: string): MemberAction | null {
  if (type === 'CollectiveCaseEscalated') {
    const { level, body, caseReference, caseId } = data as Extract<CollectiveCaseEvent, { type: 'CollectiveCaseEscalated' }>['data'];
    return { type: 'EscalateClaim', data: { level, body, caseReference: caseReference ?? `collective-${caseId}` } };
  }
  if (type === 'CollectiveCaseResolved') {
    const { remedy, note } = data as Extract<CollectiveCaseEvent, { type: 'CollectiveCaseResolved' }>['data'];
    return { type: 'ResolveClaim', data: { remedy, note } };
  }
  return null;
}

/** The case events that ask something of every member: the fan-out worker follows these. */
export const FAN_OUT_EVENT_TYPES = ['CollectiveCaseEscalated', 'CollectiveCaseResolved'];
