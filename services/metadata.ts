import type { Actor } from './claims/commands';
import type { RecordedEvent } from './event-store';

/** The metadata every claim event carries (DESIGN.md, "The claim stream"). */
export interface ClaimEventMetadata {
  /** The command that produced the event; the same for a retried idempotent command. */
  commandId: string;
  /** Groups everything one request or workflow caused. */
  correlationId: string;
  /** The message that caused this one (the command id for events made by a command). */
  causationId: string;
  actor: Actor;
  schemaVersion: number;
  /** SHA-256 of the request that produced the event, to tell a retry from a reused idempotency key. */
  requestHash: string;
  /** The hash of the previous event of the stream; null for the first. */
  prevHash: string | null;
  hash: string;
}

export function metadataOf(event: RecordedEvent): ClaimEventMetadata {
  return event.metadata as unknown as ClaimEventMetadata;
}
