import type Database from 'better-sqlite3';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendResult,
  type CurrentRevision,
  type EventData,
  type ExpectedRevision,
  type RecordedEvent,
} from '../../services/event-store';
import { toRecordedEvent, type WriteStatements } from './sqlite-rows';

/** An event ready for its INSERT: JSON already serialised (before the write lock is taken). */
export interface SerialisedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * Appends a batch of events to one stream inside the caller's write transaction, atomically (a
 * savepoint of its own); see {@link createStreamWriter}.
 */
export type StreamWriter = (streamId: string, events: SerialisedEvent[], expected: ExpectedRevision, now: number) => WrittenAppend;

/** What one append wrote: the port's answer, and each event's revision and position (to answer with the recorded events). */
export interface WrittenAppend extends AppendResult {
  first: { revision: bigint; positions: bigint[] };
}

/**
 * Builds the one-stream append for a connection. It must run inside a `BEGIN IMMEDIATE`
 * transaction (the group commit's): the write lock is then held before the stream's revision is
 * read, so no other connection or process can slip an event in between the check and the inserts.
 * It runs in a savepoint, so a failure (a conflict, a duplicate event id) undoes this append only.
 * The events come serialised ({@link serialiseEvents}), so the lock is not held for JSON.
 */
export function createStreamWriter(db: Database.Database, statements: WriteStatements): StreamWriter {
  const write = db.transaction((streamId: string, events: SerialisedEvent[], expected: ExpectedRevision, now: number): WrittenAppend => {
    const current = currentRevision(statements, streamId);
    if (!matches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
    const firstRevision = current === NO_STREAM ? 0n : current + 1n;
    let revision = firstRevision - 1n;
    const positions: bigint[] = [];
    for (const event of events) {
      revision += 1n;
      const result = statements.insertEvent.run(streamId, revision, event.id, event.type, event.data, event.metadata, now);
      positions.push(BigInt(result.lastInsertRowid));
    }
    statements.upsertStream.run(streamId, revision);
    return { nextExpectedRevision: revision, position: positions[positions.length - 1], first: { revision: firstRevision, positions } };
  });
  return write;
}

/** One append of a group, as the commit thread receives it. */
export interface QueuedAppend {
  streamId: string;
  events: SerialisedEvent[];
  expected: ExpectedRevision;
}

/** What became of one append of a committed group: written, or refused alone. */
export type AppendOutcome = WrittenAppend | { error: unknown };

/**
 * Commits a group of appends in one `BEGIN IMMEDIATE` transaction, so one fsync
 * (`synchronous=FULL`) makes all of them durable. Each append runs alone inside it
 * ({@link createStreamWriter}'s savepoint): it sees the appends before it in the group, and a
 * conflict or any other failure undoes that append only and is returned as its outcome. Throws
 * (storing none of the group) if the transaction itself fails, e.g. the write lock stays busy.
 */
export function createGroupWriter(db: Database.Database, statements: WriteStatements): (group: QueuedAppend[], now: number) => AppendOutcome[] {
  const writeOne = createStreamWriter(db, statements);
  const writeGroup = db.transaction((group: QueuedAppend[], now: number) =>
    group.map((append): AppendOutcome => {
      try {
        return writeOne(append.streamId, append.events, append.expected, now);
      } catch (error) {
        return { error };
      }
    }),
  );
  return (group, now) => writeGroup.immediate(group, now);
}

/**
 * The events of one append as their rows will hold them. An empty batch is refused with a
 * RangeError: there is nothing to acknowledge, and an `AppendResult` for a stream that does not
 * exist could not be expressed.
 */
export function serialiseEvents(streamId: string, events: EventData[]): SerialisedEvent[] {
  if (events.length === 0) throw new RangeError(`append to ${streamId}: no events to append`);
  return events.map(serialise);
}

function currentRevision(statements: WriteStatements, streamId: string): CurrentRevision {
  const row = statements.streamRevision.get(streamId);
  return row === undefined ? NO_STREAM : row.revision;
}

/** Whether a stream standing at `current` satisfies `expected`. */
export function matches(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return current === NO_STREAM;
    case STREAM_EXISTS:
      return current !== NO_STREAM;
    default:
      return current === expected;
  }
}

/**
 * The events of an append as `readStream` returns them once it is committed: built from the same
 * JSON text the rows hold, so they cannot differ from a read (e.g. in fields JSON drops).
 */
export function recordedEvents(streamId: string, events: SerialisedEvent[], written: WrittenAppend, now: number): RecordedEvent[] {
  return events.map((event, i) =>
    toRecordedEvent({
      position: written.first.positions[i],
      stream_id: streamId,
      revision: written.first.revision + BigInt(i),
      event_id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recorded_at: BigInt(now),
    }),
  );
}

/** `undefined` data is stored as JSON null (JSON has no undefined). */
function serialise(event: EventData): SerialisedEvent {
  return {
    id: event.id,
    type: event.type,
    data: JSON.stringify(event.data ?? null),
    metadata: JSON.stringify(event.metadata ?? {}),
  };
}
