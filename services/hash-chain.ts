import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What the hash of one event covers: its identity, place, content and metadata (less the hash itself). */
export interface HashedEventContent {
  id: string;
  streamId: string;
  /** A bigint as recorded; a number where the reader has one (the audit's raw SQLite reader). */
  revision: bigint | number;
  type: string;
  data: unknown;
  /** Must contain `prevHash` (null for a stream's first event) and must not contain `hash`. */
  metadata: Record<string, unknown>;
}

/**
 * SHA-256 over the previous hash and the canonical JSON (RFC 8785) of this event, hex-encoded.
 * Changing any byte of an event, removing one, or reordering two breaks every later link.
 */
export function eventHash(prevHash: string | null, event: HashedEventContent): string {
  // Only the listed fields: a recorded event passed in as it is must hash the same as when appended.
  const { id, streamId, revision, type, data, metadata } = event;
  const canonical = canonicalEvent(id, streamId, Number(revision), type, data, metadata);
  // One-shot: the same bytes as hashing the three parts in turn, without a Hash object per event.
  return hash('sha256', `${prevHash ?? ''}\n${canonical}`, 'hex');
}

/**
 * The six members in their canonical (sorted) order, written directly: the same text as canonicalJson
 * of { id, streamId, revision, type, data, metadata }, without building and sorting that object per
 * event. A member that would be left out or written oddly (undefined data, a non-string id) takes
 * the general path.
 */
function canonicalEvent(id: string, streamId: string, revision: number, type: string, data: unknown, metadata: object): string {
  if (data === undefined || metadata === undefined || typeof id !== 'string' || typeof streamId !== 'string' || typeof type !== 'string') {
    return canonicalJson({ id, streamId, revision, type, data, metadata });
  }
  return (
    `{"data":${canonicalJson(data)},"id":${JSON.stringify(id)},"metadata":${canonicalJson(metadata)},` +
    `"revision":${canonicalJson(revision)},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`
  );
}
