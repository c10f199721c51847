import {
  canSeeClaim,
  claimStreamName,
  type Actor,
  type AddEvidence,
  type AppliedPolicy,
  type ClaimCommand,
  type ClaimDecider,
  type ClaimEvent,
  type ClaimFiled,
  type ClaimState,
  type FileClaim,
} from './claims';
import { loadedStream, recordedEvents, toEventData, type LoadedStream } from './claim-stream';
import { ApplicationError } from './errors';
import { NO_STREAM, WrongExpectedVersionError, type EventStore, type RecordedEvent } from './event-store';
import { commandIdForKey, derivedId, registerIdempotencyKey, requestHash } from './idempotency';
import { metadataOf } from './metadata';
import { reserveOrder } from './open-claim-guard';

type WithoutContext<C> = C extends FileClaim
  ? { type: 'FileClaim'; data: Omit<FileClaim['data'], 'claimId' | 'policy'> }
  : C extends AddEvidence
    ? { type: 'AddEvidence'; data: Omit<AddEvidence['data'], 'evidenceId'> }
    : C extends ClaimCommand
      ? Omit<C, 'actor' | 'now'>
      : never;

/** A command as the API states it: the service adds the actor, the time and generated ids. */
export type ClaimIntent = WithoutContext<ClaimCommand>;

export interface CommandRequest {
  /** The claim to act on; for FileClaim, optional (a fresh id is made, derived from the idempotency key if any). */
  claimId: string | null;
  intent: ClaimIntent;
  actor: Actor;
  /** The revision the client last saw; a stale one is refused with CONFLICT instead of retried. */
  expectedRevision?: number;
  idempotencyKey?: string;
  correlationId?: string;
  /**
   * For workers (deadlines, make-up, collective fan-out): a deterministic command id, so that the
   * command appends once however often it is sent. Not registered as an idempotency key.
   */
  commandId?: string;
  /** The event that caused this command (e.g. a collective case's escalation); default the command id. */
  causationId?: string;
}

export interface CommandResult {
  claimId: string;
  /** The events the command appended (the original ones when an idempotent request is repeated). */
  events: RecordedEvent[];
  position: bigint;
  replayed: boolean;
}

export interface ClaimServiceDeps {
  store: EventStore;
  decider: ClaimDecider;
  clock: () => Date;
  newId: () => string;
  /** How often to reload and decide again after a concurrent append, when the client sent no expectedRevision. */
  retries: number;
  /** Told of every concurrent append the service retries after (metrics). */
  onConflictRetry?: () => void;
  /** The policy a new claim is filed under; without it claims are filed under the decider's own limits. */
  policies?: { currentFor(platformId: string): Promise<AppliedPolicy> };
}

/** The write side for claims: load the stream, decide, append with the loaded revision. */
export class ClaimService {
  constructor(private readonly deps: ClaimServiceDeps) {}

  async handle(request: CommandRequest): Promise<CommandResult> {
    const { idempotencyKey, actor } = request;
    const commandId = request.commandId ?? (idempotencyKey ? commandIdForKey(actor.id, idempotencyKey) : this.deps.newId());
    const claimId = (request.claimId ?? derivedId(commandId, 'claim')).toLowerCase();
    const hash = requestHash({
      claimId: request.claimId,
      intent: request.intent,
      expectedRevision: request.expectedRevision ?? null,
    });
    if (idempotencyKey) {
      await registerIdempotencyKey(this.deps.store, commandId, { requestHash: hash, claimId }, this.deps.newId);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(request, claimId, commandId, hash);
      } catch (error) {
        const retry = error instanceof WrongExpectedVersionError && request.expectedRevision === undefined;
        if (!retry) throw error instanceof WrongExpectedVersionError ? conflict(error) : error;
        if (attempt >= this.deps.retries) throw conflict(error);
        this.deps.onConflictRetry?.();
        await backOff(attempt);
      }
    }
  }

  private async attempt(request: CommandRequest, claimId: string, commandId: string, hash: string) {
    const streamId = claimStreamName(claimId);
    const stream = loadedStream(await this.deps.store.readStream(streamId));
    const earlier = stream.events.filter((event) => metadataOf(event).commandId === commandId);
    if (earlier.length > 0) return result(claimId, earlier, true);

    const state = this.fold(stream);
    checkExpectedRevision(request, stream, state);
    const policy = request.intent.type === 'FileClaim' ? await this.policyFor(request.intent.data.platformId) : null;
    const command = this.toCommand(request, claimId, commandId, policy);
    const events = this.deps.decider.decide(command, state);
    if (command.type === 'FileClaim') await this.reserveOrderFor(events[0] as ClaimFiled, claimId);

    const causation = {
      commandId,
      correlationId: request.correlationId ?? commandId,
      causationId: request.causationId,
      actor: request.actor,
      requestHash: hash,
    };
    const toAppend = toEventData(streamId, stream, events, causation, this.deps.newId);
    const appended = await this.deps.store.appendToStream(streamId, toAppend, { expectedRevision: stream.revision });
    return result(claimId, await recordedEvents(this.deps.store, streamId, stream.revision, appended, toAppend.length), false);
  }

  private fold(stream: LoadedStream): ClaimState {
    const { decider } = this.deps;
    return stream.events.reduce((state, event) => decider.evolve(state, event as ClaimEvent), decider.initialState());
  }

  private async policyFor(platformId: string): Promise<AppliedPolicy | null> {
    return this.deps.policies ? this.deps.policies.currentFor(platformId) : null;
  }

  private toCommand(request: CommandRequest, claimId: string, commandId: string, policy: AppliedPolicy | null): ClaimCommand {
    const context = { actor: request.actor, now: this.deps.clock().toISOString() };
    const { intent } = request;
    switch (intent.type) {
      case 'FileClaim':
        return { ...context, type: intent.type, data: { ...intent.data, claimId, policy } };
      case 'AddEvidence':
        return { ...context, type: intent.type, data: { ...intent.data, evidenceId: derivedId(commandId, 'evidence') } };
      default:
        return { ...context, ...intent } as ClaimCommand;
    }
  }

  private async reserveOrderFor(filed: ClaimFiled, claimId: string): Promise<void> {
    const { claimantId, platformId, order } = filed.data;
    await reserveOrder(this.deps.store, { claimantId, platformId, orderReference: order.reference }, claimId, {
      now: this.deps.clock(),
      newEventId: this.deps.newId,
    });
  }
}

/** A stale expectedRevision is a CONFLICT — but only for a claim the caller may see, so nothing leaks. */
function checkExpectedRevision(request: CommandRequest, stream: LoadedStream, state: ClaimState): void {
  if (request.expectedRevision === undefined || stream.revision === NO_STREAM) return;
  if (!canSeeClaim(request.actor, state.claimantId)) return;
  if (BigInt(request.expectedRevision) !== stream.revision) {
    throw new ApplicationError('CONFLICT', { currentRevision: Number(stream.revision) });
  }
}

/** A short random pause before deciding again, so that writers racing on one claim spread out. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function conflict(error: WrongExpectedVersionError): ApplicationError {
  const actual = error.actual === NO_STREAM ? null : Number(error.actual);
  return new ApplicationError('CONFLICT', { currentRevision: actual });
}

function result(claimId: string, events: RecordedEvent[], replayed: boolean): CommandResult {
  return { claimId, events, position: events[events.length - 1].position, replayed };
}
