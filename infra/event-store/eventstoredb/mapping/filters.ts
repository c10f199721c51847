import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
  type FilterBase,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { SubscriptionFilter } from '../../../../services/event-store';

/** Called with each checkpoint of a filtered subscription (see `toServerFilter`). */
export type CheckpointReached = NonNullable<FilterBase['checkpointReached']>;

/**
 * The server's own records: event types and stream names starting with `$` (stream metadata
 * `$metadata` in `$$<stream>`, projection links `$>` in `$ce-…`, `$statsCollected`, user and
 * projection management, …). The port's store holds only the application's events, so the
 * adapter never hands these on.
 */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** Whether a read event is one of the application's: present and not a system event. */
export function isApplicationEvent(resolved: ResolvedEvent): boolean {
  return resolved.event !== undefined && !isSystemEvent(resolved.event);
}

/**
 * The port's filter, checked on the client: stream names start with one of the prefixes
 * (case-sensitive, no wildcards) and the type is one of the types. An absent or empty list does
 * not restrict. The server filters first (see `toServerFilter`); this is the exact rule, and it
 * is applied to everything the server sends, so the server's rule only has to be wide enough.
 */
export function matchesFilter(event: { streamId: string; type: string }, filter: SubscriptionFilter = {}): boolean {
  const prefixes = filter.streamPrefixes ?? [];
  const types = filter.eventTypes ?? [];
  if (prefixes.length > 0 && !prefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  return types.length === 0 || types.includes(event.type);
}

/**
 * The server-side filter for a `$all` subscription. The server filters on one field only, so:
 * with stream prefixes, the server filters by stream-name prefix (system streams start with `$`,
 * so a prefix like `claim-` already excludes them) and the types are checked on the client;
 * with types only, by an anchored regex of the exact type names (a prefix filter would let
 * `ClaimFiledLater` through for `ClaimFiled`); with neither, by the client's
 * `excludeSystemEvents` (types not starting with `$`). `checkpointReached` lets the subscription
 * advance its resume position through stretches where nothing matches.
 */
export function toServerFilter(filter: SubscriptionFilter = {}, checkpointReached?: CheckpointReached): Filter {
  const prefixes = filter.streamPrefixes ?? [];
  const types = filter.eventTypes ?? [];
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes], checkpointReached });
  if (types.length > 0) return eventTypeFilter({ regex: exactMatchRegex(types), checkpointReached });
  return excludeSystemEvents({ checkpointReached });
}

/**
 * A regex matching exactly the given names (the server runs it with .NET's `Regex.IsMatch`, which
 * accepts the same escapes as JavaScript for these characters).
 */
export function exactMatchRegex(names: readonly string[]): string {
  return `^(?:${names.map(escapeRegex).join('|')})$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
}
