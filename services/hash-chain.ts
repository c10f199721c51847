import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What the hash of one event covers: its identity, place, content and metadata (less the hash itself). */
export interface HashedEventContent {
  id: string;
  streamId: string;
  revision: bigint;
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
  const canonical = canonicalJson({ id, streamId, revision: Number(revision), type, data, metadata });
  // One-shot: the same bytes as hashing the three parts in turn, without a Hash object per event.
  return hash('sha256', `${prevHash ?? ''}\n${canonical}`, 'hex');
}
