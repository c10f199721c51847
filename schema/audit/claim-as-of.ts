import { claimEvidenceProjection } from '../../projections/claim-evidence/claim-evidence.projection';
import { claimSummaryProjection } from '../../projections/claim-summary/claim-summary.projection';
import { replayRows } from '../../projections/fold-rows';
import type { RecordedEvent } from '../../services/event-store';
import { toClaimEvent } from '../claims/claim-event.mapper';
import { toClaim, toEvidence } from '../claims/claim.mapper';
import type { Claim } from '../claims/claim.type';
import type { AsOfPoint } from './audit-args';

/**
 * The events of a claim stream (read from revision 0, in order) that make up the claim at `point`:
 * up to and including the revision, or up to the last event recorded at or before the time. Null
 * for a revision the stream has not reached.
 */
export function eventsUpTo(events: readonly RecordedEvent[], point: AsOfPoint): RecordedEvent[] | null {
  switch (point.kind) {
    case 'latest':
      return [...events];
    case 'revision':
      return point.revision < events.length ? events.slice(0, point.revision + 1) : null;
    case 'time':
      return events.slice(0, lastRecordedBy(events, point.at) + 1);
  }
}

/**
 * The index of the last event recorded at or before `at` (-1 for none). The last such event rather
 * than the first later one: the clocks of writers on different machines may interleave a little.
 */
function lastRecordedBy(events: readonly RecordedEvent[], at: Date): number {
  for (let index = events.length - 1; index >= 0; index--) {
    if (events[index].recordedAt.getTime() <= at.getTime()) return index;
  }
  return -1;
}

/**
 * The claim as `Claim` would have answered right after `events` (a stream's first events, in their
 * current shape): the read models' own projections replay them in memory and the API's mappers
 * turn the rows into the answer, so time travel and the live read model cannot drift apart. Its
 * evidence and history are those of then. Null when the events hold no filed claim.
 */
export function claimAsOfEvents(events: readonly RecordedEvent[]): Claim | null {
  const [summary] = replayRows(claimSummaryProjection, events);
  if (summary === undefined) return null;
  const evidence = replayRows(claimEvidenceProjection, events).map(toEvidence);
  return { ...toClaim(summary), loaded: { evidence, history: events.map(toClaimEvent) } };
}
