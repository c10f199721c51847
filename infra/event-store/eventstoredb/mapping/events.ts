import {
  jsonEvent,
  type EventData as ClientEventData,
  type JSONType,
  type MetadataType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EventData, EventMetadata, RecordedEvent } from '../../../../services/event-store';
import { positionOf } from './positions';

/**
 * An event to append, in the client's shape: a JSON event (`application/json`) with the writer's
 * id, so the id read back is the one the service chose. The client serialises `data` and
 * `metadata` with `JSON.stringify` into UTF-8 bytes; `undefined` data is sent as JSON null, as
 * the SQLite adapter stores it (JSON has no undefined, and the client would fail on it).
 */
export function toClientEvent(event: EventData): ClientEventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client types data as an object, array or string, but JSON-stringifies any value.
    data: (event.data ?? null) as JSONType,
    metadata: encodeMetadata(event.metadata),
  });
}

/**
 * The metadata object as the client's JSON metadata. It is always sent, `{}` when there is none,
 * so every event carries a JSON object (the client omits metadata only when it is falsy).
 */
export function encodeMetadata(metadata: EventMetadata | undefined): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return {};
  if (!isJsonObject(metadata)) throw new TypeError('event metadata must be a JSON object');
  return metadata;
}

/**
 * Metadata as the client read it back, as the port's JSON object. The client parses the bytes as
 * JSON and gives `undefined` for none and the raw bytes when they are not JSON. The port promises
 * an object, so anything that is not one (only other applications write such metadata) reads as
 * `{}`; bytes are parsed once more, as UTF-8 JSON, in case a client handed them over unparsed.
 */
export function decodeMetadata(raw: MetadataType | undefined): EventMetadata {
  if (raw === undefined) return {};
  const value = raw instanceof Uint8Array ? parseJson(Buffer.from(raw).toString('utf8')) : raw;
  return isJsonObject(value) ? value : {};
}

/**
 * A read event as the port's RecordedEvent: stream, revision and id as stored, the commit position
 * as the global position, JSON data as the client parsed it (binary data, which this adapter never
 * writes, is passed on as bytes), decoded metadata, and the server's `created` time.
 */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (event === undefined) throw new Error('the server sent a resolved event without its event');
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: positionOf(resolved),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: decodeMetadata(event.metadata),
    recordedAt: event.created,
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
