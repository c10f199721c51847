import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from './canonical-json';
import { ApplicationError } from './errors';
import { NO_STREAM, WrongExpectedVersionError, type EventStore } from './event-store';

/** Namespace for ids derived from idempotency keys (a fixed, random UUID). */
const NAMESPACE = '3f6b1d0e-7c1a-4c55-9d61-2b8f3f0c8a77';

/** The command id of a keyed request: the same caller and key always give the same id. */
export function commandIdForKey(callerId: string, idempotencyKey: string): string {
  return uuidv5(`${callerId}\u0000${idempotencyKey}`, NAMESPACE);
}

/** An id derived from a command id, so a retried command creates the same claim or evidence. */
export function derivedId(commandId: string, purpose: string): string {
  return uuidv5(`${purpose}\u0000${commandId}`, NAMESPACE);
}

export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

interface KeyRegistration {
  requestHash: string;
  claimId: string;
}

const streamOf = (commandId: string) => `idempotency-${commandId}`;

/**
 * Records which request an idempotency key was first used for, in a stream of its own, so a key is
 * bound to one request across all claims. Returns the claim the key belongs to; refuses a key
 * reused with another request (IDEMPOTENCY_KEY_REUSED). Whether the command itself already ran is
 * told by its commandId in the claim stream, which is written atomically with the claim's events.
 */
export async function registerIdempotencyKey(
  store: EventStore,
  commandId: string,
  registration: KeyRegistration,
  newEventId: () => string,
): Promise<string> {
  const stream = streamOf(commandId);
  // A new key is the common case: append first (refused if the key exists), read only then. The
  // append's expected revision makes this exactly as safe as reading first.
  for (;;) {
    try {
      const event = { id: newEventId(), type: 'IdempotencyKeyRegistered', data: registration, metadata: {} };
      await store.appendToStream(stream, [event], { expectedRevision: NO_STREAM });
      return registration.claimId;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    const [existing] = await store.readStream(stream, { maxCount: 1 });
    if (existing) {
      const earlier = existing.data as KeyRegistration;
      if (earlier.requestHash !== registration.requestHash) throw new ApplicationError('IDEMPOTENCY_KEY_REUSED');
      return earlier.claimId;
    }
  }
}
