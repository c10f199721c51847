import type { Actor } from '../claims';
import { ApplicationError } from '../errors';
import { NO_STREAM, WrongExpectedVersionError, type AppendResult, type EventStore, type RecordedEvent } from '../event-store';
import { eventHash } from '../hash-chain';
import { loadedStream, recordedEvents, type LoadedStream } from '../claim-stream';
import { metadataOf } from '../metadata';

/** A stream's behaviour as a decider (policies, outages, collective cases): pure, like the claim's. */
export interface StreamDecider<Command, Event extends { type: string; data: unknown }, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  /** Throws a DomainError when a rule is broken. */
  decide(command: Command, state: State): Event[];
}

/** Who asks, and the ids that make a command idempotent and traceable. */
export interface StreamCommandMeta {
  /** Deterministic for commands a worker may repeat: a command already in the stream appends nothing. */
  commandId: string;
  correlationId: string;
  /** The message that caused this command; defaults to the command id. */
  causationId?: string;
  actor: Actor;
}

export interface StreamCommandResult<State> {
  /** The command's events (the earlier ones when it had already run). */
  events: RecordedEvent[];
  /** The stream's state after them. */
  state: State;
  replayed: boolean;
}

export interface StreamWriterDeps {
  store: EventStore;
  newId: () => string;
  /** Reloads after a concurrent append before giving up with CONFLICT. */
  retries: number;
}

/**
 * The generic load → fold → decide → append loop for the streams beside claims, with the claim
 * stream's metadata and hash chain, idempotent by command id, retried on concurrent appends.
 */
export async function runStreamCommand<Command, Event extends { type: string; data: unknown }, State>(
  deps: StreamWriterDeps,
  decider: StreamDecider<Command, Event, State>,
  streamId: string,
  command: Command,
  meta: StreamCommandMeta,
): Promise<StreamCommandResult<State>> {
  for (let attempt = 0; ; attempt++) {
    const stream = loadedStream(await deps.store.readStream(streamId));
    const state = stream.events.reduce((folded, event) => decider.evolve(folded, event as unknown as Event), decider.initialState());
    const earlier = stream.events.filter((event) => metadataOf(event).commandId === meta.commandId);
    if (earlier.length > 0) return { events: earlier, state, replayed: true };
    const events = decider.decide(command, state);
    if (events.length === 0) return { events: [], state, replayed: false };
    let result: AppendResult;
    try {
      result = await deps.store.appendToStream(streamId, withChain(streamId, stream, events, meta, deps.newId), { expectedRevision: stream.revision });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= deps.retries) throw new ApplicationError('CONFLICT', { currentRevision: null });
      continue;
    }
    const appended = await recordedEvents(deps.store, streamId, stream.revision, result, events.length);
    return { events: appended, state: events.reduce(decider.evolve, state), replayed: false };
  }
}

function withChain(streamId: string, stream: LoadedStream, events: { type: string; data: unknown }[], meta: StreamCommandMeta, newId: () => string) {
  let prevHash = stream.headHash;
  let revision = stream.revision === NO_STREAM ? -1n : stream.revision;
  return events.map((event) => {
    revision += 1n;
    const id = newId();
    const metadata = {
      commandId: meta.commandId,
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? meta.commandId,
      actor: meta.actor,
      schemaVersion: 1,
      prevHash,
    };
    const hash = eventHash(prevHash, { id, streamId, revision, type: event.type, data: event.data, metadata });
    prevHash = hash;
    return { id, type: event.type, data: event.data, metadata: { ...metadata, hash } };
  });
}
