import type { RecordedEvent } from '../../services/event-store';
import { outageIdOfStream, type OutageEvent } from '../../services/outages/outage';
import { toUtcIso, type Projection } from '../projection';
import { OutageSchema, type OutageRow } from './outage.entity';

/** "Which outages were reported, and what did each earn?": one row per outage stream. */
export const outageProjection: Projection<OutageRow> = {
  name: 'outages',
  version: 1,
  entity: OutageSchema,
  handles: ['OutageReported', 'OutageEnded'],
  keyOf: (event) => outageIdOfStream(event.streamId),
  evolve: evolveOutage,
};

export function evolveOutage(row: OutageRow | null, recorded: RecordedEvent): OutageRow | null {
  const event = { type: recorded.type, data: recorded.data } as OutageEvent;
  const stamp = { revision: Number(recorded.revision), lastPosition: recorded.position.toString() };
  if (event.type === 'OutageReported') {
    if (row !== null) return row;
    const { outageId, platformId, product, description, startedAt, occurredAt } = event.data;
    return {
      id: outageId, platformId, product, description, startedAt: toUtcIso(startedAt), endedAt: null, durationMinutes: null,
      makeUpExtensionHours: null, makeUpPolicyPlatformId: null, makeUpPolicyVersion: null, makeUpEventId: null,
      reportedAt: toUtcIso(occurredAt), ...stamp,
    };
  }
  if (row === null || recorded.revision <= BigInt(row.revision)) return row;
  const { endedAt, durationMinutes, makeUp } = event.data;
  return {
    ...row,
    endedAt: toUtcIso(endedAt),
    durationMinutes,
    makeUpExtensionHours: makeUp?.extensionHours ?? null,
    makeUpPolicyPlatformId: makeUp?.policy.platformId ?? null,
    makeUpPolicyVersion: makeUp?.policy.version ?? null,
    makeUpEventId: makeUp ? recorded.id : null,
    ...stamp,
  };
}
