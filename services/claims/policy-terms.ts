import type { EscalationLevel } from './events';

/** How a deadline is counted: calendar hours, or whole working days (weekends and holidays skipped). */
export type DurationUnit = 'HOURS' | 'WORKING_DAYS';

/** A length of time on a deadline clock: `amount` calendar hours or `amount` working days. */
export interface DeadlineDuration {
  amount: number;
  unit: DurationUnit;
}

/**
 * The calendar working days are counted on. Days are local to `utcOffsetMinutes` (480 for China
 * Standard Time, which has no daylight saving); Saturdays, Sundays and `holidays` (local dates,
 * `YYYY-MM-DD`) do not count.
 */
export interface WorkCalendar {
  utcOffsetMinutes: number;
  holidays: readonly string[];
}

/** Automatic make-up (自动补上): an outage longer than the threshold earns a service extension. */
export interface MakeUpTerms {
  /** An outage must last strictly longer than this to be made up. */
  thresholdMinutes: number;
  /** Extension hours per hour of outage; the product is rounded up to whole hours. */
  extensionFactor: number;
  /** The smallest extension granted, hours. */
  minimumExtensionHours: number;
}

/** Everything a platform's policy sets for the claims filed under it. */
export interface PolicyTerms {
  /** Hours after the incident within which a claim is filed in time. */
  filingWindowHours: number;
  /** How often a claim may be resubmitted after rejections. */
  maxResubmissions: number;
  /** The platform's first answer (information request, rejection or resolution) is due within this. */
  firstResponse: DeadlineDuration;
  /** A decision (rejection or resolution) is due within this. */
  resolution: DeadlineDuration;
  /** The level a missed deadline escalates the claim to (when higher than its level); null: none. */
  overdueEscalatesTo: EscalationLevel | null;
  /** Null: this platform makes nothing up automatically. */
  makeUp: MakeUpTerms | null;
  calendar: WorkCalendar;
}

/** The policy a claim was filed under: which stream, which version (0: the built-in default), and its terms. */
export interface AppliedPolicy {
  /** The platform whose policy it is; null for the default policy. */
  platformId: string | null;
  version: number;
  terms: PolicyTerms;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with `terms` (a message naming the field), or null when nothing is. */
export function policyTermsProblem(terms: PolicyTerms): string | null {
  const whole = (value: number, min: number) => Number.isInteger(value) && value >= min;
  if (!whole(terms.filingWindowHours, 1)) return 'filingWindowHours must be a whole number ≥ 1';
  if (!whole(terms.maxResubmissions, 0)) return 'maxResubmissions must be a whole number ≥ 0';
  if (!whole(terms.firstResponse.amount, 1)) return 'firstResponse.amount must be a whole number ≥ 1';
  if (!whole(terms.resolution.amount, 1)) return 'resolution.amount must be a whole number ≥ 1';
  const { utcOffsetMinutes, holidays } = terms.calendar;
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) return 'calendar.utcOffsetMinutes must be whole minutes within ±840';
  if (!holidays.every((day) => DAY.test(day) && !Number.isNaN(Date.parse(day)))) return 'calendar.holidays must be dates YYYY-MM-DD';
  const makeUp = terms.makeUp;
  if (makeUp && (!whole(makeUp.thresholdMinutes, 0) || !(makeUp.extensionFactor > 0) || !whole(makeUp.minimumExtensionHours, 1))) {
    return 'makeUp needs thresholdMinutes ≥ 0, extensionFactor > 0 and minimumExtensionHours ≥ 1';
  }
  return null;
}

/**
 * The service extension, in whole hours, an outage of `durationMinutes` earns under `makeUp`, or
 * null when it is not longer than the threshold: max(minimum, ⌈hours × factor⌉).
 */
export function makeUpHours(makeUp: MakeUpTerms | null, durationMinutes: number): number | null {
  if (makeUp === null || durationMinutes <= makeUp.thresholdMinutes) return null;
  // Rounded to 1e-9 first, so that 0.1 × 30 does not become 3.0000000000000004 and round up to 4.
  const product = Math.round((durationMinutes / 60) * makeUp.extensionFactor * 1e9) / 1e9;
  return Math.max(makeUp.minimumExtensionHours, Math.ceil(product));
}
