import type { EntitySchema } from '@mikro-orm/core';
import type { RecordedEvent } from '../services/event-store';
import { CLAIM_EVENT_TYPES, type ClaimEvent } from '../services/claims/events';

/**
 * A read model's projection: data plus pure functions (Marten's vocabulary). The runner knows
 * nothing else about a read model: it loads the rows the events touch by primary key, folds the
 * events with `evolve`, and saves what changed together with its checkpoint.
 */
export interface Projection<Row extends object> {
  /** Stable name; the checkpoint is stored under it. */
  readonly name: string;
  /** Bump it when the rows' meaning changes: the runner then clears the table and replays from 0. */
  readonly version: number;
  /** The MikroORM entity of the rows; its single primary key is what `keyOf` returns. */
  readonly entity: EntitySchema<Row>;
  /** The event types `evolve` cares about; the runner skips the others (they only advance the checkpoint). */
  readonly handles: readonly string[];
  /** The primary key of the row `event` touches, or null when it touches none (e.g. not a claim stream). */
  keyOf(event: RecordedEvent): string | null;
  /**
   * The row after `event`: `null` in and out means "no row", `null` out deletes. Idempotent (an
   * event already applied leaves the row as it is) and never throws for a stored event.
   */
  evolve(row: Row | null, event: RecordedEvent): Row | null;
}

/**
 * A projection whose row type does not matter (the runner's and the registry's view). MikroORM's
 * EntitySchema is invariant in its entity type, so a list of projections over different rows needs
 * `any` here; the runner only moves rows between the database and `evolve`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any>;

/**
 * The claim event `event` is, or null for another type. Events come from our own store, written by
 * the decider, so their data has the shape of their type.
 */
export function asClaimEvent(event: RecordedEvent): ClaimEvent | null {
  if (!(CLAIM_EVENT_TYPES as readonly string[]).includes(event.type)) return null;
  return { type: event.type, data: event.data } as ClaimEvent;
}

/**
 * `value` as a fixed-width UTC ISO-8601 string (`2024-05-01T08:00:00.000Z`), so that text order is
 * time order in SQL whatever offset the writer used. An unparsable value is kept as it is rather than
 * thrown on: projections never throw.
 */
export function toUtcIso(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** {@link toUtcIso} for optional values. */
export function toUtcIsoOrNull(value: string | null | undefined): string | null {
  return value == null ? null : toUtcIso(value);
}
