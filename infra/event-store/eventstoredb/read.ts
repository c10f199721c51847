import { BACKWARDS, END, FORWARDS, type ResolvedEvent } from '@eventstore/db-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../../../services/event-store';
import type { Client } from './client';
import { isStreamNotFound } from './mapping/errors';
import { toRecordedEvent } from './mapping/events';
import { findNewestApplicationEvent, forwardsPageSize, takeForwards } from './mapping/pages';
import { positionOf, toClientPosition, toReadPosition } from './mapping/positions';

const DEFAULT_READ_ALL_COUNT = 1_000;
/** Events per page when reading `$all` backwards for the head. */
const HEAD_PAGE_SIZE = 100;

/** Reads a stream forwards; a stream that was never written (or was deleted) reads as empty. */
export async function readStreamEvents(
  client: Client,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const maxCount = checkedCount(options.maxCount);
  const fromRevision = options.fromRevision ?? 0n;
  if (fromRevision < 0n) throw new RangeError(`fromRevision must be ≥ 0, got ${fromRevision}`);
  if (maxCount === 0) return [];
  try {
    const read = client.readStream(streamId, { fromRevision, maxCount, direction: FORWARDS, resolveLinkTos: false });
    return (await collect(read)).map(toRecordedEvent);
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
}

/**
 * Reads the application's events in `$all` strictly after `after`, in position order, at most
 * `maxCount` (default 1,000). Client 6.2.1 reads `$all` without a server-side filter (its
 * `readAll` sends "no filter"; only subscriptions take one), so this reads pages and skips system
 * events itself, page after page, until it has `maxCount` events or reaches the end; the server's
 * inclusive start is turned into the port's exclusive `after` by `takeForwards`.
 */
export async function readAllEvents(client: Client, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const maxCount = checkedCount(options.maxCount) ?? DEFAULT_READ_ALL_COUNT;
  const pageSize = forwardsPageSize(maxCount);
  const events: RecordedEvent[] = [];
  let after = options.after === undefined || options.after === 'start' ? 0n : options.after;
  while (events.length < maxCount) {
    const fromPosition = toReadPosition(after);
    const page = await collect(client.readAll({ fromPosition, maxCount: pageSize, direction: FORWARDS }));
    const taken = takeForwards(page, after, maxCount - events.length);
    events.push(...taken.events);
    // A short page is the end of `$all`; a full one that moved nothing on would repeat forever.
    if (page.length < pageSize || taken.lastSeen === after) break;
    after = taken.lastSeen;
  }
  return events;
}

/**
 * The position of the newest application event in `$all` (0n when there is none): the last
 * position `readAll` can return, so a reader that is up to date shows no lag even when the server
 * has written system events since. Reads backwards a page at a time past trailing system events.
 */
export async function readHeadPosition(client: Client): Promise<bigint> {
  let before: bigint | undefined;
  for (;;) {
    const fromPosition = before === undefined ? END : toClientPosition(before);
    const page = await collect(client.readAll({ fromPosition, maxCount: HEAD_PAGE_SIZE, direction: BACKWARDS }));
    const { found, lastSeen } = findNewestApplicationEvent(page, before);
    if (found !== undefined) return found;
    if (page.length < HEAD_PAGE_SIZE || lastSeen === undefined || lastSeen === before) return 0n;
    before = lastSeen;
  }
}

/** The position of the last record in `$all`, system events included (0n when empty). */
export async function readLastPosition(client: Client): Promise<bigint> {
  const [last] = await collect(client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS }));
  return last === undefined ? 0n : positionOf(last);
}

async function collect<E extends ResolvedEvent>(read: AsyncIterable<E>): Promise<E[]> {
  const events: E[] = [];
  for await (const resolved of read) events.push(resolved);
  return events;
}

/** The port's maxCount: absent (no limit) or a whole number ≥ 0, as the SQLite adapter checks it. */
function checkedCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a whole number ≥ 0, got ${maxCount}`);
  }
  return maxCount;
}
