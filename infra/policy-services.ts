import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { ClaimService } from '../services/claim-service';
import { createClaimDecider } from '../services/claims';
import { CollectiveCases } from '../services/collective/collective-cases';
import type { EventStore } from '../services/event-store';
import { Outages } from '../services/outages/outages';
import { PolicyBook } from '../services/policies/policy-book';
import { builtInDefaultTerms } from '../services/policies/presets';
import type { Config } from './config';
import type { Logger } from './logger';
import { MeasuredClaimService } from './metrics/measured-claim-service';
import type { Metrics } from './metrics/metrics';
import { startPolicyWorkers, type PolicyWorkers } from './workers/worker-loop';

/** The write side: claims filed under platform policies, outages, collective cases. */
export interface WriteServices {
  claims: ClaimService;
  policies: PolicyBook;
  outages: Outages;
  collective: CollectiveCases;
}

/** The services over `store`, all on one clock (tests inject one to move time forward). */
export function createWriteServices(config: Config, store: EventStore, clock: () => Date, metrics: Metrics): WriteServices {
  const writer = { store, newId: randomUUID, retries: config.commandRetries };
  const limits = { filingWindowHours: config.filingWindowHours, maxResubmissions: config.maxResubmissions };
  const { clockSkewSeconds, maxFollowUpsPerHour } = config.safety;
  // The configured limits are the built-in default policy (version 0) until a supervisor sets one.
  const policies = new PolicyBook({ ...writer, clock, builtInDefault: builtInDefaultTerms(limits) });
  const decider = createClaimDecider({ ...limits, clockSkewSeconds, maxFollowUpsPerHour });
  const claims = new MeasuredClaimService({ ...writer, decider, clock, policies }, metrics);
  return {
    claims,
    policies,
    outages: new Outages({ ...writer, clock, policies }),
    collective: new CollectiveCases({ ...writer, clock, claims }),
  };
}

/** The deadline processor, outage compensator and collective fan-out, next to the projection runner. */
export function startWorkers(config: Config, services: WriteServices, store: EventStore, orm: MikroORM, clock: () => Date, logger: Logger): PolicyWorkers {
  return startPolicyWorkers({ ...services, store, orm, clock, logger, pollMs: config.workerPollMs });
}
