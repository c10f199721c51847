import type { RecordedEvent } from '../../services/event-store';
import { caseIdOfStream, type CollectiveCaseEvent } from '../../services/collective/collective-case';
import { toUtcIso, type Projection } from '../projection';
import { CollectiveCaseSchema, CollectiveMemberSchema, type CollectiveCaseRow, type CollectiveMemberRow } from './collective-case.entity';

const CASE_EVENTS = ['CollectiveCaseOpened', 'ClaimJoinedCollectiveCase', 'ClaimLeftCollectiveCase', 'CollectiveCaseEscalated', 'CollectiveCaseResolved'];

/** "Which collective cases are there, how far up, how many members?": one row per case stream. */
export const collectiveCaseProjection: Projection<CollectiveCaseRow> = {
  name: 'collective-cases',
  version: 1,
  entity: CollectiveCaseSchema,
  handles: CASE_EVENTS,
  keyOf: (event) => caseIdOfStream(event.streamId),
  evolve: evolveCollectiveCase,
};

export function evolveCollectiveCase(row: CollectiveCaseRow | null, recorded: RecordedEvent): CollectiveCaseRow | null {
  const event = { type: recorded.type, data: recorded.data } as CollectiveCaseEvent;
  const stamp = { revision: Number(recorded.revision), lastPosition: recorded.position.toString() };
  if (event.type === 'CollectiveCaseOpened') {
    if (row !== null) return row;
    const { caseId, platformId, outageId, title, openedBy, occurredAt } = event.data;
    return {
      id: caseId, platformId, outageId, title, openedById: openedBy.id, openedByRole: openedBy.role, escalationLevel: 'NONE',
      status: 'OPEN', remedy: null, memberCount: 0, openedAt: toUtcIso(occurredAt), ...stamp,
    };
  }
  if (row === null || recorded.revision <= BigInt(row.revision)) return row;
  switch (event.type) {
    case 'ClaimJoinedCollectiveCase':
      return { ...row, memberCount: row.memberCount + 1, ...stamp };
    case 'ClaimLeftCollectiveCase':
      return { ...row, memberCount: row.memberCount - 1, ...stamp };
    case 'CollectiveCaseEscalated':
      return { ...row, escalationLevel: event.data.level, ...stamp };
    case 'CollectiveCaseResolved':
      return { ...row, status: 'RESOLVED', remedy: JSON.stringify(event.data.remedy), ...stamp };
  }
}

/** "Which claims are in a case?": one row per current member; leaving deletes it. */
export const collectiveMemberProjection: Projection<CollectiveMemberRow> = {
  name: 'collective-members',
  version: 1,
  entity: CollectiveMemberSchema,
  handles: ['ClaimJoinedCollectiveCase', 'ClaimLeftCollectiveCase'],
  keyOf: (event) => {
    const caseId = caseIdOfStream(event.streamId);
    return caseId === null ? null : `${caseId}:${(event.data as { claimId: string }).claimId}`;
  },
  evolve(row, recorded) {
    const data = recorded.data as { caseId: string; claimId: string; occurredAt: string };
    if (recorded.type === 'ClaimLeftCollectiveCase') return null;
    // A claim that left and joined again keeps its first join's place only while it stays.
    return row ?? { id: `${data.caseId}:${data.claimId}`, caseId: data.caseId, claimId: data.claimId, joinedAt: toUtcIso(data.occurredAt), position: recorded.position.toString() };
  },
};
