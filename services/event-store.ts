/**
 * The event-store port: EventStoreDB's semantics in its own vocabulary, so that the EventStoreDB
 * adapter is a thin mapping and the SQLite adapter behaves the same. The write side and the
 * projection runner depend on this file only, never on an adapter.
 */

/** The stream must not exist yet. */
export const NO_STREAM = 'no_stream';
/** Append whatever the stream's state. */
export const ANY = 'any';
/** The stream must exist, at any revision. */
export const STREAM_EXISTS = 'stream_exists';

/** What the appender believes the stream's last revision is: a state, or the revision (from 0). */
export type ExpectedRevision = typeof NO_STREAM | typeof ANY | typeof STREAM_EXISTS | bigint;

/** Where a stream stands: `no_stream` before its first event, otherwise its last revision. */
export type CurrentRevision = typeof NO_STREAM | bigint;

/** Metadata travels with every event as a JSON object. */
export type EventMetadata = Record<string, unknown>;

/** An event to append. `id` is a UUID chosen by the writer. */
export interface EventData<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  streamId: string;
  /** Position within its stream, from 0, contiguous. */
  revision: bigint;
  /** Position in the whole store, strictly increasing in append order (not necessarily contiguous). */
  position: bigint;
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendOptions {
  /** Default `any`. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event appended. */
  nextExpectedRevision: bigint;
  /** The global position of the last event appended. */
  position: bigint;
  /**
   * The events as recorded, exactly as `readStream` would return them now, when the adapter has
   * them at hand (SQLite); absent otherwise (EventStoreDB): read them back with `readStream`.
   */
  events?: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First revision to read; default 0. */
  fromRevision?: bigint;
  /** Default: all. */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; default `start` (everything). */
  after?: bigint | 'start';
  /** Default 1,000. Fewer come back only when no more are stored (the projector's catch-up relies on it). */
  maxCount?: number;
}

/** Both lists absent or empty: no restriction. */
export interface SubscriptionFilter {
  /** Only streams whose name starts with one of these. */
  streamPrefixes?: string[];
  /** Only events of these types. */
  eventTypes?: string[];
}

export interface SubscribeToAllOptions {
  /** Deliver events strictly after this position (`start`: all; `end`: only new ones); default `start`. */
  after?: bigint | 'start' | 'end';
  filter?: SubscriptionFilter;
}

/**
 * A catch-up subscription: every matching event after the starting position in order, then live
 * ones, none missed or repeated at the switch. Iterate it; `close()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends atomically: all events or none. Fails with {@link WrongExpectedVersionError} when the
   * stream is not where `expectedRevision` says, and with a RangeError for an empty batch (nothing
   * to acknowledge). Event ids are unique in the store; the service never reuses one.
   */
  appendToStream(streamId: string, events: EventData[], options?: AppendOptions): Promise<AppendResult>;
  /** Reads a stream forwards. A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads `$all` forwards in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  /**
   * Optional: a doorbell. Calls `listener` soon after events were appended (through this object at
   * once, by other processes within the adapter's poll interval), with no event read or parsed:
   * for a reader that reads `$all` itself, such as the projection runner. It may ring when nothing
   * new is there. The returned function stops the calls. Adapters without it (EventStoreDB) leave
   * the reader to a subscription.
   */
  onAppended?(listener: () => void): () => void;
  /** The position of the last event in the store (0n when empty). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** The append's expected revision did not match the stream. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}
