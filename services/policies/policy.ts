import { DomainError, policyTermsProblem, type Actor, type AppliedPolicy, type PolicyTerms } from '../claims';

/** A supervisor set the policy of a platform (or the default policy, `platformId` null). Version counts from 1. */
export interface PlatformPolicySet {
  type: 'PlatformPolicySet';
  data: { platformId: string | null; version: number; terms: PolicyTerms; occurredAt: string };
}

export type PolicyEvent = PlatformPolicySet;

export interface SetPlatformPolicy {
  type: 'SetPlatformPolicy';
  data: { platformId: string | null; terms: PolicyTerms };
  actor: Actor;
  now: string;
}

/** A policy stream's state: its newest version, or none yet. */
export type PolicyState = AppliedPolicy | null;

/** The policy stream's decider: only supervisors set policies, and only valid ones. */
export const policyDecider = {
  initialState: (): PolicyState => null,
  evolve: (_state: PolicyState, event: PolicyEvent): PolicyState => ({
    platformId: event.data.platformId,
    version: event.data.version,
    terms: event.data.terms,
  }),
  decide(command: SetPlatformPolicy, state: PolicyState): PolicyEvent[] {
    if (command.actor.role !== 'supervisor') throw new DomainError('FORBIDDEN');
    const problem = policyTermsProblem(command.data.terms);
    if (problem) throw new DomainError('INVALID_POLICY', problem);
    const { platformId, terms } = command.data;
    return [{ type: 'PlatformPolicySet', data: { platformId, version: (state?.version ?? 0) + 1, terms, occurredAt: command.now } }];
  },
};

/** The only place a policy stream's name is built: `policy-default`, or `policy-platform-<platformId>`. */
export function policyStreamName(platformId: string | null): string {
  return platformId === null ? 'policy-default' : `policy-platform-${platformId}`;
}
