import { START, type Position, type ReadPosition, type ResolvedEvent } from '@eventstore/db-client';

/**
 * The port's global position is the event's commit position in the server's transaction log.
 *
 * EventStoreDB gives every event a (commit, prepare) pair. For events appended over gRPC (every
 * append this adapter makes) the two are equal and strictly increase from one event to the next,
 * also inside one multi-event append; only events written in the legacy TCP API's explicit
 * transactions share a commit position, and this adapter never writes those. So the commit
 * position alone identifies an event, and `{ commit: p, prepare: p }` is where to resume from it.
 *
 * Reads of `$all` from a position are inclusive (the event AT the position comes back first),
 * while the port's `after` is exclusive: callers skip events at or before `after` (see
 * `isAfter`). Catch-up subscriptions start after the position, but the same skip is applied to
 * them too, so neither rule is relied on.
 */
export type GlobalPosition = bigint;

/** What a server sends for "no position" in a uint64 field (2^64 - 1). */
export const NO_POSITION = 18_446_744_073_709_551_615n;

/**
 * Where to read `$all` from for the port's `after`. `start` and 0n (the port's "before
 * everything"; no event sits at 0, where the log begins with an epoch record) are the start.
 */
export function toReadPosition(after: GlobalPosition | 'start'): ReadPosition {
  if (after === 'start' || after <= 0n) return START;
  return toClientPosition(after);
}

/** The client's position for a port position (commit and prepare are equal, see above). */
export function toClientPosition(position: GlobalPosition): Position {
  return { commit: position, prepare: position };
}

/** The port's exclusive `after`: is `position` strictly after it? */
export function isAfter(position: GlobalPosition, after: GlobalPosition): boolean {
  return position > after;
}

/**
 * The global position of a read event. Stream reads report it on the event from EventStoreDB 22.6
 * on; `$all` reads and subscriptions report it on the event and as the resolved event's
 * `commitPosition`. A missing, zero or "no position" value is refused rather than guessed.
 */
export function positionOf(resolved: ResolvedEvent): GlobalPosition {
  const candidates = [resolved.event?.position?.commit, resolved.commitPosition];
  const position = candidates.find((value) => value !== undefined && value > 0n && value < NO_POSITION);
  if (position === undefined) {
    const event = resolved.event;
    const which = event === undefined ? 'an event' : `event ${event.id} of ${event.streamId}`;
    throw new Error(`the server reported no $all position for ${which} (EventStoreDB 22.6 or later is needed)`);
  }
  return position;
}
