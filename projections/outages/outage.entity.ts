import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** One row per reported outage. Times are fixed-width UTC ISO-8601. */
export interface OutageRow {
  id: string;
  platformId: string;
  /** Null: every product of the platform. */
  product: string | null;
  description: string;
  startedAt: string;
  endedAt: string | null;
  durationMinutes: number | null;
  /** The service extension the outage earned; null while running or when it earned none. */
  makeUpExtensionHours: number | null;
  /** The policy (platform, version) the make-up was judged by. */
  makeUpPolicyPlatformId: string | null;
  makeUpPolicyVersion: number | null;
  /** The OutageEnded event that granted the make-up: what each claim's make-up was caused by. */
  makeUpEventId: string | null;
  reportedAt: string;
  revision: number;
  lastPosition: string;
}

const text = { type: 'string', length: 200 } as const;
const time = { type: 'string', length: 32 } as const;
const optional = <T extends object>(prop: T) => ({ ...prop, nullable: true }) as const;

/** Table `outage`, listed by platform, newest first. */
export const OutageSchema = new EntitySchema<OutageRow>({
  name: 'Outage',
  tableName: 'outage',
  properties: {
    id: { type: 'string', length: 100, primary: true },
    platformId: text,
    product: optional(text),
    description: { type: 'text' },
    startedAt: time,
    endedAt: optional(time),
    durationMinutes: optional({ type: 'integer' }),
    makeUpExtensionHours: optional({ type: 'integer' }),
    makeUpPolicyPlatformId: optional(text),
    makeUpPolicyVersion: optional({ type: 'integer' }),
    makeUpEventId: optional({ type: 'string', length: 36 }),
    reportedAt: time,
    revision: { type: 'integer' },
    lastPosition: { type: new BigIntType('string') },
  },
  indexes: [
    { name: 'outage_platform', properties: ['platformId', 'startedAt'] },
    { name: 'outage_make_up', properties: ['makeUpExtensionHours'] },
  ],
});
