import type { Actor, ClaimEvent } from './claims';
import { CLAIM_EVENT_SCHEMA_VERSIONS } from './claims';
import { NO_STREAM, type AppendResult, type CurrentRevision, type EventData, type EventStore, type RecordedEvent } from './event-store';
import { eventHash } from './hash-chain';
import { metadataOf, type ClaimEventMetadata } from './metadata';

/** A claim stream as read: its events and where it stands. */
export interface LoadedStream {
  events: RecordedEvent[];
  revision: CurrentRevision;
  /** The hash of the last event, which the next event links to. */
  headHash: string | null;
}

export function loadedStream(events: RecordedEvent[]): LoadedStream {
  const last = events.at(-1);
  return {
    events,
    revision: last ? last.revision : NO_STREAM,
    headHash: last ? metadataOf(last).hash : null,
  };
}

export interface Causation {
  commandId: string;
  /** The message that caused the command; the command id when absent. */
  causationId?: string;
  correlationId: string;
  actor: Actor;
  requestHash: string;
}

/**
 * Turns the decider's events into events to append: metadata (causation, actor, the event type's
 * current schema version) and the hash chain, continuing from the stream's head.
 */
export function toEventData(
  streamId: string,
  stream: LoadedStream,
  events: ClaimEvent[],
  causation: Causation,
  newEventId: () => string,
): EventData[] {
  let prevHash = stream.headHash;
  let revision = stream.revision === NO_STREAM ? -1n : stream.revision;
  return events.map((event) => {
    revision += 1n;
    const id = newEventId();
    const metadata: Omit<ClaimEventMetadata, 'hash'> = {
      commandId: causation.commandId,
      correlationId: causation.correlationId,
      causationId: causation.causationId ?? causation.commandId,
      actor: causation.actor,
      schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type],
      requestHash: causation.requestHash,
      prevHash,
    };
    const hash = eventHash(prevHash, { id, streamId, revision, type: event.type, data: event.data, metadata });
    prevHash = hash;
    return { id, type: event.type, data: event.data, metadata: { ...metadata, hash } };
  });
}

/**
 * The events an append just recorded: from its answer when the adapter gave them, otherwise read
 * back from the stream (`before`: where the stream stood when the append was made).
 */
export async function recordedEvents(
  store: EventStore,
  streamId: string,
  before: CurrentRevision,
  result: AppendResult,
  count: number,
): Promise<RecordedEvent[]> {
  if (result.events) return result.events;
  const fromRevision = before === NO_STREAM ? 0n : before + 1n;
  return store.readStream(streamId, { fromRevision, maxCount: count });
}
