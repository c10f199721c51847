import type { RecordedEvent } from '../event-store';
import { eventHash } from '../hash-chain';

/** What an auditor learns from recomputing a stream's hash chain (the contract's ChainVerification). */
export interface ChainVerification {
  valid: boolean;
  eventCount: number;
  /** The hash of the last event, as recomputed; null for an empty stream. */
  headHash: string | null;
  /** The first revision at which the stored record disagrees with the chain; null when valid. */
  firstInvalidRevision: number | null;
  reason: string | null;
}

/**
 * Recomputes the chain over a stream's events as stored (never upcast: the hashes cover the stored
 * form) and reports where it first breaks: a missing revision (an event deleted), a `prevHash` that
 * does not link to the previous event, or a `hash` that does not match the event's content.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  let prevHash: string | null = null;
  for (const [index, event] of events.entries()) {
    const revision = Number(event.revision);
    const broken = (reason: string): ChainVerification => ({
      valid: false,
      eventCount: events.length,
      headHash: prevHash,
      firstInvalidRevision: index,
      reason,
    });
    if (revision !== index) return broken(`revision ${index} is missing (found ${revision} in its place)`);
    const { hash, ...rest } = event.metadata;
    if ((rest.prevHash ?? null) !== prevHash) return broken(`prevHash does not link to revision ${index - 1}`);
    const recomputed = eventHash(prevHash, { ...event, metadata: rest });
    if (hash !== recomputed) return broken('the event does not match its hash: its content was altered');
    prevHash = recomputed;
  }
  return { valid: true, eventCount: events.length, headHash: prevHash, firstInvalidRevision: null, reason: null };
}
