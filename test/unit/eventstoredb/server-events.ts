import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { createStreamIdentifier } from '@eventstore/db-client/dist/utils/grpcStreamIdentifier';
import { createUUID } from '@eventstore/db-client/dist/utils/grpcUUID';
import { randomUUID } from 'node:crypto';

/** What a stored event looks like on the wire, as the server would send it back. */
export interface StoredRecord {
  streamId: string;
  revision: bigint;
  position: bigint;
  id?: string;
  type?: string;
  /** The bytes of the event's data, as written. */
  data?: Uint8Array;
  /** The bytes of the event's metadata, as written (none: empty). */
  metadata?: Uint8Array;
  contentType?: string;
  createdAt?: Date;
  /** Whether the event's own commit/prepare fields are filled (false: 2^64-1, as before 22.6). */
  eventPosition?: boolean;
  /** Whether the message carries the `$all` commit position (false: as stream reads send it). */
  allPosition?: boolean;
}

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** Ticks of 100 ns since the Unix epoch: how the server sends `created`. */
const ticks = (date: Date): string => (BigInt(date.getTime()) * 10_000n).toString();

/**
 * A read event as the client hands it to us: built as the server's protobuf message and converted
 * by the client's own `convertGrpcEvent`, the function its reads and subscriptions use.
 */
export function fromServer(record: StoredRecord): AllStreamResolvedEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(createUUID(record.id ?? randomUUID()));
  recorded.setStreamIdentifier(createStreamIdentifier(record.streamId));
  recorded.setStreamRevision(record.revision.toString());
  const eventPosition = record.eventPosition === false ? '18446744073709551615' : record.position.toString();
  recorded.setCommitPosition(eventPosition);
  recorded.setPreparePosition(eventPosition);
  recorded.getMetadataMap().set('type', record.type ?? 'TestEvent');
  recorded.getMetadataMap().set('content-type', record.contentType ?? 'application/json');
  recorded.getMetadataMap().set('created', ticks(record.createdAt ?? new Date('2026-11-24T08:00:00.000Z')));
  recorded.setData(record.data ?? utf8('{}'));
  if (record.metadata !== undefined) recorded.setCustomMetadata(record.metadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  if (record.allPosition !== false) read.setCommitPosition(record.position.toString());
  return convertGrpcEvent(read) as AllStreamResolvedEvent;
}

/** A JSON event from `$all` at `position`, with the given stream and type. */
export function jsonAt(position: bigint, streamId = 'test-stream', type = 'TestEvent'): AllStreamResolvedEvent {
  return fromServer({ streamId, revision: position, position, type, data: utf8(JSON.stringify({ at: Number(position) })) });
}
