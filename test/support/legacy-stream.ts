import { randomUUID } from 'node:crypto';
import { claimStreamName, type Actor } from '../../services/claims';
import { NO_STREAM, type EventData, type EventStore } from '../../services/event-store';
import { eventHash } from '../../services/hash-chain';

/** An event as an older Recourse wrote it: its type, its data in that version's shape, who did it. */
export interface LegacyEvent {
  type: string;
  data: Record<string, unknown>;
  actor: Actor;
  schemaVersion: number;
}

/**
 * Appends `events` to claim `claimId`'s stream straight into `store` (a raw adapter, no upcasting),
 * the way an older version of the service did: full metadata under each event's own schema
 * version, and a hash chain over the data exactly as written.
 */
export async function appendLegacyStream(store: EventStore, claimId: string, events: readonly LegacyEvent[]): Promise<void> {
  const streamId = claimStreamName(claimId);
  let prevHash: string | null = null;
  const toAppend: EventData[] = events.map((event, index) => {
    const id = randomUUID();
    const metadata = {
      commandId: id,
      correlationId: id,
      causationId: id,
      actor: event.actor,
      schemaVersion: event.schemaVersion,
      requestHash: 'legacy',
      prevHash,
    };
    const hash = eventHash(prevHash, { id, streamId, revision: BigInt(index), type: event.type, data: event.data, metadata });
    prevHash = hash;
    return { id, type: event.type, data: event.data, metadata: { ...metadata, hash } };
  });
  await store.appendToStream(streamId, toAppend, { expectedRevision: NO_STREAM });
}
