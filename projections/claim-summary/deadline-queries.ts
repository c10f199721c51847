import type { EntityManager } from '@mikro-orm/core';
import type { DeadlineKind } from '../../services/claims/deadline-clock';
import { ClaimSummarySchema } from './claim-summary.entity';

/** A deadline the read model shows as passed and not yet recorded as overdue. */
export interface DueDeadline {
  claimId: string;
  kind: DeadlineKind;
  round: number;
  dueAt: string;
}

/**
 * Deadlines due at or before `now` (ISO-8601) on claims not yet final, oldest first; one statement.
 * Paused and met deadlines have no due time, so they never show.
 */
export async function findDueDeadlines(em: EntityManager, now: string, limit: number): Promise<DueDeadline[]> {
  const at = new Date(Date.parse(now)).toISOString();
  const rows = await em.find(
    ClaimSummarySchema,
    {
      status: { $nin: ['CLOSED', 'WITHDRAWN'] },
      $or: [
        { responseDueAt: { $lte: at }, responseOverdue: false },
        { resolutionDueAt: { $lte: at }, resolutionOverdue: false },
      ],
    },
    { orderBy: { filedAt: 'asc', id: 'asc' }, limit, disableIdentityMap: true },
  );
  return rows.flatMap((row) => {
    const due: DueDeadline[] = [];
    if (row.responseDueAt !== null && row.responseDueAt <= at && !row.responseOverdue) {
      due.push({ claimId: row.id, kind: 'FIRST_RESPONSE', round: row.deadlineRound, dueAt: row.responseDueAt });
    }
    if (row.resolutionDueAt !== null && row.resolutionDueAt <= at && !row.resolutionOverdue) {
      due.push({ claimId: row.id, kind: 'RESOLUTION', round: row.deadlineRound, dueAt: row.resolutionDueAt });
    }
    return due;
  });
}
