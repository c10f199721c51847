import { DomainError, type Actor } from '../claims';
import type { PolicyBook } from '../policies/policy-book';
import { runStreamCommand, type StreamWriterDeps } from '../streams/stream-writer';
import { outageDecider, outageStreamName, type OutageCommand, type OutageReported } from './outage';

export interface OutagesDeps extends StreamWriterDeps {
  policies: PolicyBook;
  clock: () => Date;
}

/** Outage reports, each in its own `outage-<id>` stream; the make-up terms come from the platform's current policy. */
export class Outages {
  constructor(private readonly deps: OutagesDeps) {}

  async report(
    data: { outageId: string; platformId: string; product: string | null; startedAt: string; endedAt: string | null; description: string },
    actor: Actor,
    ids: { commandId: string; correlationId: string },
  ) {
    const policy = await this.deps.policies.currentFor(data.platformId);
    return this.run(data.outageId, { type: 'ReportOutage', data: { ...data, policy } }, actor, ids);
  }

  async end(outageId: string, endedAt: string, actor: Actor, ids: { commandId: string; correlationId: string }) {
    const [reported] = await this.deps.store.readStream(outageStreamName(outageId), { maxCount: 1 });
    if (!reported) throw new DomainError('OUTAGE_NOT_FOUND');
    // The make-up terms in force when the outage ends are the ones it is judged by.
    const policy = await this.deps.policies.currentFor((reported.data as OutageReported['data']).platformId);
    return this.run(outageId, { type: 'EndOutage', data: { endedAt, policy } }, actor, ids);
  }

  private run(outageId: string, command: Omit<OutageCommand, 'actor' | 'now'>, actor: Actor, ids: { commandId: string; correlationId: string }) {
    const full = { ...command, actor, now: this.deps.clock().toISOString() } as OutageCommand;
    return runStreamCommand(this.deps, outageDecider, outageStreamName(outageId), full, { ...ids, actor });
  }
}
