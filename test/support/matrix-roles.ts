import type { TokenRole } from '../../services/tokens';
import type { TestApp } from './api';

/**
 * The callers of the authorization matrix: DESIGN.md's five roles, with the claimant split in two
 * (the claim's owner and someone else), plus a caller who sends no token at all.
 */
export const CALLERS = ['owner', 'otherClaimant', 'agent', 'supervisor', 'auditor', 'integration', 'anonymous'] as const;
export type Caller = (typeof CALLERS)[number];
/** Every caller who sends a token. */
export type TokenCaller = Exclude<Caller, 'anonymous'>;

/** Who each caller is: the token's role and subject (the actor id recorded on events). */
export const IDENTITIES: Readonly<Record<TokenCaller, { role: TokenRole; subject: string }>> = {
  owner: { role: 'claimant', subject: 'buyer-owner-li' },
  otherClaimant: { role: 'claimant', subject: 'buyer-other-zhang' },
  agent: { role: 'agent', subject: 'agent-wang' },
  supervisor: { role: 'supervisor', subject: 'supervisor-liu' },
  auditor: { role: 'auditor', subject: 'auditor-zhou' },
  integration: { role: 'integration', subject: 'integration-12315' },
};

/** How a test name speaks of each caller. */
export const CALLER_NOUNS: Readonly<Record<Caller, string>> = {
  owner: 'the claimant who owns the claim',
  otherClaimant: 'another claimant',
  agent: 'an agent',
  supervisor: 'a supervisor',
  auditor: 'an auditor',
  integration: 'an integration',
  anonymous: 'a caller without a token',
};

/** Each caller's bearer token; null for the anonymous caller. */
export type Tokens = Readonly<Record<Caller, string | null>>;

/** Issues one token per caller on `app` (the anonymous caller gets none). */
export async function issueTokens(app: TestApp): Promise<Tokens> {
  const entries = await Promise.all(
    (Object.keys(IDENTITIES) as TokenCaller[]).map(
      async (caller) => [caller, await app.token(IDENTITIES[caller].role, IDENTITIES[caller].subject)] as const,
    ),
  );
  return { ...Object.fromEntries(entries), anonymous: null } as Tokens;
}
