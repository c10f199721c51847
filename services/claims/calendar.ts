import type { DeadlineDuration, DurationUnit, WorkCalendar } from './policy-terms';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A deadline further away than this is a configuration mistake; the walk stops rather than loop for ever. */
const MAX_DAYS_WALKED = 20 * 366;

/** A duration as milliseconds of counted time: an hour is an hour, a working day is 24 counted hours. */
export function budgetOf(duration: DeadlineDuration): number {
  return duration.amount * (duration.unit === 'HOURS' ? HOUR : DAY);
}

/** Whether the local day starting at `dayStart` (local midnight, as a UTC instant) is a working day. */
function isWorkingDay(dayStart: number, calendar: WorkCalendar): boolean {
  const local = new Date(dayStart + calendar.utcOffsetMinutes * 60_000);
  const weekday = local.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.holidays.includes(local.toISOString().slice(0, 10));
}

/** Local midnight at or before `time`, as a UTC instant. */
function dayStartOf(time: number, calendar: WorkCalendar): number {
  const offset = calendar.utcOffsetMinutes * 60_000;
  return Math.floor((time + offset) / DAY) * DAY - offset;
}

/** Counted milliseconds from `from` to `to` (0 when `to` is not later). */
export function countedBetween(from: number, to: number, unit: DurationUnit, calendar: WorkCalendar): number {
  if (to <= from) return 0;
  if (unit === 'HOURS') return to - from;
  let counted = 0;
  for (let day = dayStartOf(from, calendar), walked = 0; day < to && walked < MAX_DAYS_WALKED; day += DAY, walked++) {
    if (isWorkingDay(day, calendar)) counted += Math.min(to, day + DAY) - Math.max(from, day);
  }
  return counted;
}

/** The instant at which `budget` counted milliseconds have passed since `from`. */
export function addCounted(from: number, budget: number, unit: DurationUnit, calendar: WorkCalendar): number {
  if (unit === 'HOURS') return from + budget;
  let left = budget;
  let time = from;
  for (let walked = 0; left > 0 && walked < MAX_DAYS_WALKED; walked++) {
    const nextDay = dayStartOf(time, calendar) + DAY;
    if (isWorkingDay(dayStartOf(time, calendar), calendar)) {
      const chunk = Math.min(left, nextDay - time);
      left -= chunk;
      time += chunk;
      if (left === 0) break;
    }
    time = nextDay;
  }
  return time;
}
