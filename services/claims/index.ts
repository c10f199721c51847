import { evolve, initialState, isTerminal } from './claim';
import type { ClaimState } from './claim';
import type { ClaimCommand } from './commands';
import { decide } from './decide';
import type { ClaimEvent } from './events';
import { DEFAULT_CLAIM_POLICY } from './rules';
import type { ClaimPolicy } from './rules';

/**
 * A claim stream's behaviour as a decider (initial state, evolve, decide, isTerminal), ready for the
 * service's generic read → fold → decide → append loop. `decide` throws a `DomainError` when a
 * rule is broken.
 */
export interface ClaimDecider {
  initialState(): ClaimState;
  evolve(state: ClaimState, event: ClaimEvent): ClaimState;
  decide(command: ClaimCommand, state: ClaimState): ClaimEvent[];
  isTerminal(state: ClaimState): boolean;
}

/** The claim decider under `policy` (filing window, resubmission limit). */
export function createClaimDecider(overrides: Partial<ClaimPolicy> = {}): ClaimDecider {
  const policy: ClaimPolicy = { ...DEFAULT_CLAIM_POLICY, ...overrides };
  return {
    initialState,
    evolve,
    decide: (command, state) => decide(command, state, policy),
    isTerminal,
  };
}

/** The claim decider under the default policy. */
export const claimDecider: ClaimDecider = createClaimDecider();

export { decide } from './decide';
export { evolve, initialState, isTerminal } from './claim';
export type { ClaimState, ExistingClaim, NoClaim } from './claim';
export * from './access';
export * from './commands';
export * from './errors';
export * from './events';
export * from './rules';
export * from './status';
export * from './streams';
export * from './policy-terms';
export * from './deadline-clock';
export * from './calendar';
