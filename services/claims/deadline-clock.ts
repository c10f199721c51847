import { addCounted, budgetOf, countedBetween } from './calendar';
import type { ClaimEvent } from './events';
import type { PolicyTerms } from './policy-terms';
import type { ClaimStatus } from './status';

export const DEADLINE_KINDS = ['FIRST_RESPONSE', 'RESOLUTION'] as const;
/** The platform's two duties: a first answer, and a decision. */
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** One deadline of the current round. */
export interface DeadlineTimer {
  /** Counted milliseconds left when it last started or paused (negative once past due). */
  leftMs: number;
  /** Since when it runs (ISO-8601); null while paused (the claim awaits the claimant) or done. */
  runningSince: string | null;
  /** Met (answered, decided) or stopped (withdrawn, closed): it can no longer pass. */
  done: boolean;
  /** A ResponseOverdue was recorded for it in this round. */
  overdue: boolean;
}

/**
 * A claim's deadline clocks, folded from its events with {@link clockAfter}. A round starts at
 * filing and again at each resubmission; the platform's clocks pause while the claim awaits the
 * claimant. Plain data (JSON), so a read model can keep it too.
 */
export interface DeadlineClock {
  round: number;
  terms: Pick<PolicyTerms, 'firstResponse' | 'resolution' | 'calendar'>;
  timers: Record<DeadlineKind, DeadlineTimer>;
}

/** Both deadlines of round `round`, running from `at`. */
export function startClock(terms: DeadlineClock['terms'], at: string, round = 1): DeadlineClock {
  const fresh = (kind: DeadlineKind): DeadlineTimer => ({
    leftMs: budgetOf(kind === 'FIRST_RESPONSE' ? terms.firstResponse : terms.resolution),
    runningSince: at,
    done: false,
    overdue: false,
  });
  const { firstResponse, resolution, calendar } = terms;
  return { round, terms: { firstResponse, resolution, calendar }, timers: { FIRST_RESPONSE: fresh('FIRST_RESPONSE'), RESOLUTION: fresh('RESOLUTION') } };
}

/** The clocks after `event` (the claim was in `statusBefore`); never throws. */
export function clockAfter(clock: DeadlineClock, event: ClaimEvent, statusBefore: ClaimStatus): DeadlineClock {
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'InformationRequested':
      return update(clock, (kind, timer) => (kind === 'FIRST_RESPONSE' ? met(timer) : pause(clock, kind, timer, at)));
    case 'EvidenceAdded':
      return statusBefore === 'AWAITING_CLAIMANT' ? update(clock, (_, timer) => resume(timer, at)) : clock;
    case 'ClaimRejected':
    case 'ClaimResolved':
    case 'ClaimWithdrawn':
    case 'ClaimClosed':
      return update(clock, (_, timer) => met(timer));
    case 'ClaimResubmitted':
      return startClock(clock.terms, at, clock.round + 1);
    case 'ResponseOverdue':
      return update(clock, (kind, timer) => (kind === event.data.deadline ? { ...timer, overdue: true } : timer));
    default:
      return clock;
  }
}

/** When `kind` falls due, or null while it is paused or done. */
export function dueAt(clock: DeadlineClock, kind: DeadlineKind): string | null {
  const timer = clock.timers[kind];
  if (timer.done || timer.runningSince === null) return null;
  const unit = unitOf(clock, kind);
  return new Date(addCounted(Date.parse(timer.runningSince), timer.leftMs, unit, clock.terms.calendar)).toISOString();
}

/** The deadlines passed at `now` and not yet recorded as overdue. */
export function passedDeadlines(clock: DeadlineClock, now: string): DeadlineKind[] {
  return DEADLINE_KINDS.filter((kind) => {
    const due = dueAt(clock, kind);
    return due !== null && !clock.timers[kind].overdue && Date.parse(due) <= Date.parse(now);
  });
}

function unitOf(clock: DeadlineClock, kind: DeadlineKind) {
  return (kind === 'FIRST_RESPONSE' ? clock.terms.firstResponse : clock.terms.resolution).unit;
}

function update(clock: DeadlineClock, change: (kind: DeadlineKind, timer: DeadlineTimer) => DeadlineTimer): DeadlineClock {
  return {
    ...clock,
    timers: { FIRST_RESPONSE: change('FIRST_RESPONSE', clock.timers.FIRST_RESPONSE), RESOLUTION: change('RESOLUTION', clock.timers.RESOLUTION) },
  };
}

function met(timer: DeadlineTimer): DeadlineTimer {
  return { ...timer, runningSince: null, done: true };
}

function pause(clock: DeadlineClock, kind: DeadlineKind, timer: DeadlineTimer, at: string): DeadlineTimer {
  if (timer.done || timer.runningSince === null) return timer;
  const used = countedBetween(Date.parse(timer.runningSince), Date.parse(at), unitOf(clock, kind), clock.terms.calendar);
  return { ...timer, leftMs: timer.leftMs - used, runningSince: null };
}

function resume(timer: DeadlineTimer, at: string): DeadlineTimer {
  return timer.done || timer.runningSince !== null ? timer : { ...timer, runningSince: at };
}
