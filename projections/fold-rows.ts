import type { RecordedEvent } from '../services/event-store';
import type { Projection } from './projection';

/** A projection threw on an event. Should not happen; the runner stops rather than skip the event. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';

  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'revision' | 'position'>,
    override readonly cause: unknown,
  ) {
    super(`projection ${projection} failed on ${event.type} at position ${event.position}: ${String(cause)}`);
  }
}

/**
 * Folds `events` over `rows` (by primary key) in memory with the projection's own `keyOf` and
 * `evolve`, and returns every key's row afterwards: null for a row the events deleted or never made.
 * The events must already be the ones the projection handles (see {@link replayRows}).
 */
export function foldRows<Row extends object>(
  projection: Projection<Row>,
  rows: ReadonlyMap<string, Row>,
  events: readonly RecordedEvent[],
): Map<string, Row | null> {
  const current = new Map<string, Row | null>(rows);
  for (const event of events) {
    const key = guarded(projection.name, event, () => projection.keyOf(event));
    if (key === null) continue;
    const before = current.get(key) ?? null;
    current.set(key, guarded(projection.name, event, () => projection.evolve(before, event)));
  }
  return current;
}

/**
 * The rows a projection holds after exactly `events`, starting from none, in the order they were
 * first made: what the runner would have written had the store held nothing else. Time travel uses
 * it to answer as the read model would have at an earlier revision.
 */
export function replayRows<Row extends object>(projection: Projection<Row>, events: readonly RecordedEvent[]): Row[] {
  const handled = events.filter((event) => (projection.handles as readonly string[]).includes(event.type));
  return [...foldRows(projection, new Map(), handled).values()].filter((row): row is Row => row !== null);
}

function guarded<T>(projection: string, event: RecordedEvent, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    throw new ProjectionFailedError(projection, event, cause);
  }
}
