import type { PolicyTerms } from '../claims';

/** China Standard Time, no daylight saving. */
const CHINA = { utcOffsetMinutes: 480, holidays: [] };

/**
 * The built-in default policy (version 0) when no supervisor has set one: the filing window and
 * resubmission limit from the configuration, and the seed documents' examples: an answer within
 * 48 hours, a decision within 7 days, a missed deadline escalating to platform management, and
 * outages longer than 5 minutes made up with their length rounded up to whole hours.
 */
export function builtInDefaultTerms(limits: { filingWindowHours: number; maxResubmissions: number }): PolicyTerms {
  return {
    filingWindowHours: limits.filingWindowHours,
    maxResubmissions: limits.maxResubmissions,
    firstResponse: { amount: 48, unit: 'HOURS' },
    resolution: { amount: 7 * 24, unit: 'HOURS' },
    overdueEscalatesTo: 'PLATFORM_MANAGEMENT',
    makeUp: { thresholdMinutes: 5, extensionFactor: 1, minimumExtensionHours: 1 },
    calendar: CHINA,
  };
}

/**
 * The consumer-association regime (消费者协会), an example policy: a complaint is accepted within
 * 7 working days and mediated within 45 working days; a missed deadline goes to the regulator.
 */
export const CONSUMER_ASSOCIATION_TERMS: PolicyTerms = {
  filingWindowHours: 24 * 365 * 3,
  maxResubmissions: 3,
  firstResponse: { amount: 7, unit: 'WORKING_DAYS' },
  resolution: { amount: 45, unit: 'WORKING_DAYS' },
  overdueEscalatesTo: 'REGULATOR',
  makeUp: null,
  calendar: CHINA,
};

/** Named example policies a supervisor can start from (GraphQL `policyPresets`). */
export const POLICY_PRESETS: Readonly<Record<string, PolicyTerms>> = {
  CONSUMER_ASSOCIATION: CONSUMER_ASSOCIATION_TERMS,
};
