import { clockAfter, dueAt, startClock, type DeadlineClock } from '../../services/claims/deadline-clock';
import type { ClaimEvent, ClaimFiled } from '../../services/claims/events';
import type { ClaimStatus } from '../../services/claims/status';

/** The claim summary's policy and deadline columns (see ClaimSummaryRow). */
export interface DeadlineColumns {
  policyPlatformId: string | null;
  policyVersion: number | null;
  deadlineRound: number;
  /** The claim's DeadlineClock as JSON (what the next event needs to move the clocks); null without a policy. */
  deadlineClock: string | null;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  responseOverdue: boolean;
  resolutionOverdue: boolean;
  /** A deadline of the current round passed and is still unmet. */
  overdue: boolean;
  /** The clocks stand still: the claim awaits the claimant. */
  deadlinesPaused: boolean;
}

/** The columns of a claim just filed: its policy's clocks start at the filing. */
export function deadlineColumnsAtFiling(data: ClaimFiled['data']): DeadlineColumns {
  const clock = data.policy ? startClock(data.policy.terms, data.occurredAt) : null;
  return {
    policyPlatformId: data.policy?.platformId ?? null,
    policyVersion: data.policy?.version ?? null,
    ...columnsOf(clock),
  };
}

/** The columns after `event`, with the same clock functions the decider folds. */
export function deadlineColumnsAfter(row: DeadlineColumns, event: ClaimEvent, statusBefore: ClaimStatus): Partial<DeadlineColumns> {
  if (row.deadlineClock === null) return {};
  const clock = clockAfter(JSON.parse(row.deadlineClock) as DeadlineClock, event, statusBefore);
  return columnsOf(clock);
}

function columnsOf(clock: DeadlineClock | null): Omit<DeadlineColumns, 'policyPlatformId' | 'policyVersion'> {
  if (clock === null) {
    return { deadlineRound: 0, deadlineClock: null, responseDueAt: null, resolutionDueAt: null, responseOverdue: false, resolutionOverdue: false, overdue: false, deadlinesPaused: false };
  }
  const { FIRST_RESPONSE: response, RESOLUTION: resolution } = clock.timers;
  const unmetOverdue = (response.overdue && !response.done) || (resolution.overdue && !resolution.done);
  return {
    deadlineRound: clock.round,
    deadlineClock: JSON.stringify(clock),
    responseDueAt: dueAt(clock, 'FIRST_RESPONSE'),
    resolutionDueAt: dueAt(clock, 'RESOLUTION'),
    responseOverdue: response.overdue,
    resolutionOverdue: resolution.overdue,
    overdue: unmetOverdue,
    deadlinesPaused: [response, resolution].some((timer) => !timer.done && timer.runningSince === null),
  };
}
