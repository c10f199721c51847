import type { Actor, AppliedPolicy, PolicyTerms } from '../claims';
import type { EventStore } from '../event-store';
import { runStreamCommand, type StreamWriterDeps } from '../streams/stream-writer';
import { policyDecider, policyStreamName, type PolicyEvent, type PolicyState } from './policy';

export interface PolicyBookDeps extends StreamWriterDeps {
  /** The policy when neither the platform nor the default has one set: version 0. */
  builtInDefault: PolicyTerms;
  clock: () => Date;
}

/** Reads and sets platform policies, each in its own stream. */
export class PolicyBook {
  constructor(private readonly deps: PolicyBookDeps) {}

  /** The policy a claim on `platformId` is filed under now: the platform's, else the default, else the built-in one. */
  async currentFor(platformId: string): Promise<AppliedPolicy> {
    return (await this.read(platformId)) ?? (await this.read(null)) ?? { platformId: null, version: 0, terms: this.deps.builtInDefault };
  }

  /** The newest version of one stream (`null`: the default policy), or null when none was set. */
  async read(platformId: string | null): Promise<AppliedPolicy | null> {
    return fold(await this.deps.store.readStream(policyStreamName(platformId)));
  }

  /** Every version of a policy, oldest first. */
  async versions(platformId: string | null): Promise<AppliedPolicy[]> {
    const events = await this.deps.store.readStream(policyStreamName(platformId));
    return events.map((event) => policyDecider.evolve(null, event as unknown as PolicyEvent) as AppliedPolicy);
  }

  /** Sets a new version (supervisors only); `commandId` makes a repeat append nothing. */
  async set(platformId: string | null, terms: PolicyTerms, actor: Actor, ids: { commandId: string; correlationId: string }) {
    const command = { type: 'SetPlatformPolicy' as const, data: { platformId, terms }, actor, now: this.deps.clock().toISOString() };
    const result = await runStreamCommand(this.deps, policyDecider, policyStreamName(platformId), command, { ...ids, actor });
    return { policy: result.state as AppliedPolicy, position: result.events.at(-1)?.position ?? 0n };
  }
}

function fold(events: { type: string; data: unknown }[]): PolicyState {
  return events.reduce<PolicyState>((state, event) => policyDecider.evolve(state, event as PolicyEvent), null);
}
