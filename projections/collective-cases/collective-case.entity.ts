import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { EscalationLevel } from '../../services/claims/events';

/** One row per collective case. */
export interface CollectiveCaseRow {
  id: string;
  platformId: string;
  outageId: string | null;
  title: string;
  openedById: string;
  openedByRole: string;
  escalationLevel: EscalationLevel;
  status: 'OPEN' | 'RESOLVED';
  /** The remedy granted to every member, as JSON (a Remedy); null until resolved. */
  remedy: string | null;
  memberCount: number;
  openedAt: string;
  revision: number;
  lastPosition: string;
}

/** One row per claim currently in a case; a claim that leaves loses its row. */
export interface CollectiveMemberRow {
  /** `<caseId>:<claimId>`. */
  id: string;
  caseId: string;
  claimId: string;
  joinedAt: string;
  /** Position of the join, as a decimal string: the order within a case. */
  position: string;
}

const text = { type: 'string', length: 200 } as const;
const time = { type: 'string', length: 32 } as const;

export const CollectiveCaseSchema = new EntitySchema<CollectiveCaseRow>({
  name: 'CollectiveCase',
  tableName: 'collective_case',
  properties: {
    id: { type: 'string', length: 100, primary: true },
    platformId: text,
    outageId: { type: 'string', length: 100, nullable: true },
    title: { type: 'text' },
    openedById: text,
    openedByRole: { type: 'string', length: 32 },
    escalationLevel: { type: 'string', length: 32 },
    status: { type: 'string', length: 32 },
    remedy: { type: 'text', nullable: true },
    memberCount: { type: 'integer' },
    openedAt: time,
    revision: { type: 'integer' },
    lastPosition: { type: new BigIntType('string') },
  },
  indexes: [{ name: 'collective_case_platform', properties: ['platformId', 'openedAt'] }],
});

export const CollectiveMemberSchema = new EntitySchema<CollectiveMemberRow>({
  name: 'CollectiveMember',
  tableName: 'collective_member',
  properties: {
    id: { type: 'string', length: 240, primary: true },
    caseId: { type: 'string', length: 100 },
    claimId: { type: 'string', length: 36 },
    joinedAt: time,
    position: { type: new BigIntType('string') },
  },
  indexes: [
    { name: 'collective_member_case', properties: ['caseId', 'position'] },
    { name: 'collective_member_claim', properties: ['claimId'] },
  ],
});
