import { createHash } from 'node:crypto';
import { claimDecider, claimStreamName, type ClaimEvent, type ClaimFiled } from './claims';
import { ApplicationError } from './errors';
import { NO_STREAM, WrongExpectedVersionError, type EventStore, type RecordedEvent } from './event-store';

/**
 * One open claim per claimant, platform and order reference. The claim streams cannot enforce that
 * alone (ESDB has no cross-stream transactions), so each order has a reservation stream naming the
 * claim that holds it; taking it over is an append with an expected revision, so of two racing
 * filings exactly one wins. A holder that is final (closed, withdrawn) releases the order.
 */
export interface OrderKey {
  claimantId: string;
  platformId: string;
  orderReference: string;
}

interface Reservation extends OrderKey {
  claimId: string;
}

/** How long a reservation whose claim was never written (a crash between the two appends) still holds. */
const ORPHAN_LEASE_MS = 60_000;

function reservationStream(key: OrderKey): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([key.claimantId, key.platformId, key.orderReference]))
    .digest('hex');
  return `order-claim-${digest}`;
}

async function stillHeld(store: EventStore, holder: RecordedEvent, key: OrderKey, now: Date): Promise<boolean> {
  const events = await store.readStream(claimStreamName((holder.data as Reservation).claimId));
  const filed = events[0]?.data as ClaimFiled['data'] | undefined;
  if (!filed) return now.getTime() - holder.recordedAt.getTime() < ORPHAN_LEASE_MS;
  const sameOrder =
    filed.claimantId === key.claimantId &&
    filed.platformId === key.platformId &&
    filed.order.reference === key.orderReference;
  const state = events.reduce((s, e) => claimDecider.evolve(s, e as ClaimEvent), claimDecider.initialState());
  return sameOrder && !claimDecider.isTerminal(state);
}

/** Reserves the order for `claimId`, or refuses with DUPLICATE_CLAIM naming the open claim. */
export async function reserveOrder(
  store: EventStore,
  key: OrderKey,
  claimId: string,
  options: { now: Date; newEventId: () => string },
): Promise<void> {
  const stream = reservationStream(key);
  // An order never reserved is the common case: take it without reading (refused if it exists).
  if (await tryReserve(store, stream, { ...key, claimId }, NO_STREAM, options.newEventId)) return;
  for (;;) {
    const events = await store.readStream(stream);
    const holder = events.at(-1);
    const holderId = (holder?.data as Reservation | undefined)?.claimId;
    if (holderId === claimId) return;
    if (holder && (await stillHeld(store, holder, key, options.now))) {
      throw new ApplicationError('DUPLICATE_CLAIM', { existingClaimId: holderId });
    }
    if (await tryReserve(store, stream, { ...key, claimId }, holder ? holder.revision : NO_STREAM, options.newEventId)) return;
  }
}

/** Appends the reservation if the stream is still where `expected` says; false when another filing moved it first. */
async function tryReserve(
  store: EventStore,
  stream: string,
  reservation: Reservation,
  expected: typeof NO_STREAM | bigint,
  newEventId: () => string,
): Promise<boolean> {
  try {
    await store.appendToStream(stream, [{ id: newEventId(), type: 'OrderClaimReserved', data: reservation, metadata: {} }], {
      expectedRevision: expected,
    });
    return true;
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    return false;
  }
}
