import {
  canSeeClaim,
  COMMAND_PERMISSIONS,
  DEFAULT_CLAIM_POLICY,
  ESCALATION_LEVELS,
  escalationRank,
  mayIssue,
  ROLES,
} from '../../../services/claims';
import type { ClaimCommandType } from '../../../services/claims';
import { actors } from '../../support/claim-builders';

describe('who can see a claim', () => {
  it('shows a claimant their own claim', () => {
    expect(canSeeClaim(actors.claimant, actors.claimant.id)).toBe(true);
  });

  it('hides another claimant’s claim from a claimant', () => {
    expect(canSeeClaim(actors.otherClaimant, actors.claimant.id)).toBe(false);
  });

  it('shows no claimant a claim without a claimant', () => {
    expect(canSeeClaim(actors.claimant, null)).toBe(false);
  });

  it.each(ROLES.filter((role) => role !== 'claimant'))('shows the %s role every claim', (role) => {
    expect(canSeeClaim({ id: 'someone', role }, actors.claimant.id)).toBe(true);
  });
});

describe('the escalation ladder', () => {
  it('ranks the levels from NONE up to COURT', () => {
    const ranks = ESCALATION_LEVELS.map(escalationRank);
    expect(ranks).toEqual([0, 1, 2, 3, 4]);
    expect(escalationRank('COURT')).toBeGreaterThan(escalationRank('REGULATOR'));
  });
});

describe('the default policy', () => {
  it('gives a 24-hour filing window, three resubmissions, five minutes of clock skew and three follow-ups an hour', () => {
    expect(DEFAULT_CLAIM_POLICY).toEqual({ filingWindowHours: 24, maxResubmissions: 3, clockSkewSeconds: 300, maxFollowUpsPerHour: 3 });
  });
});

describe('the permissions data', () => {
  it('lets auditors and integrations issue no command at all', () => {
    const types = Object.keys(COMMAND_PERMISSIONS) as ClaimCommandType[];
    expect(types.filter((type) => mayIssue('auditor', type) || mayIssue('integration', type))).toEqual([]);
  });

  it('refuses a command type it does not know', () => {
    expect(mayIssue('supervisor', 'DeleteClaim' as ClaimCommandType)).toBe(false);
  });
});
