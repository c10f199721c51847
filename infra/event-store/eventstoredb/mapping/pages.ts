import type { ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../../../../services/event-store';
import { toRecordedEvent } from './events';
import { isApplicationEvent } from './filters';
import { isAfter, positionOf, type GlobalPosition } from './positions';

/** What one page of a forwards `$all` read gave: the port's events and how far the page was looked at. */
export interface ForwardsPage {
  events: RecordedEvent[];
  /** The position of the last event looked at (taken or skipped); the next page starts there. */
  lastSeen: GlobalPosition;
}

/**
 * Takes the port's events from one page of a forwards `$all` read that started AT `after`
 * (the server's read is inclusive): events at or before `after` are skipped, as are system
 * events, and at most `room` events are taken. `lastSeen` still advances over skipped events,
 * so a page of nothing but system events moves the next read on.
 */
export function takeForwards(page: readonly ResolvedEvent[], after: GlobalPosition, room: number): ForwardsPage {
  const events: RecordedEvent[] = [];
  let lastSeen = after;
  for (const resolved of page) {
    if (events.length >= room) break;
    const position = positionOf(resolved);
    if (!isAfter(position, after)) continue;
    lastSeen = position;
    if (isApplicationEvent(resolved)) events.push(toRecordedEvent(resolved));
  }
  return { events, lastSeen };
}

/** What one page of a backwards `$all` read gave when looking for the last application event. */
export interface BackwardsPage {
  /** The position of the newest application event on the page, if there is one. */
  found?: GlobalPosition;
  /** The position of the last (oldest) event looked at; the next page starts there. */
  lastSeen?: GlobalPosition;
}

/**
 * Looks through one page of a backwards `$all` read (newest first) for the newest application
 * event. Events at or after `before` (the previous page's last) are skipped, whether or not the
 * server repeats the event at the starting position.
 */
export function findNewestApplicationEvent(page: readonly ResolvedEvent[], before?: GlobalPosition): BackwardsPage {
  let lastSeen = before;
  for (const resolved of page) {
    const position = positionOf(resolved);
    if (before !== undefined && position >= before) continue;
    if (isApplicationEvent(resolved)) return { found: position, lastSeen: position };
    lastSeen = position;
  }
  return { lastSeen };
}

/**
 * How many events to ask for per forwards page when `maxCount` are wanted: one more than wanted
 * (the inclusive read repeats the starting event), at least 64 so system events cost few round
 * trips, at most 4,096 so one page stays well below the server's message limits.
 */
export function forwardsPageSize(maxCount: number): number {
  return Math.min(Math.max(maxCount + 1, 64), 4_096);
}
