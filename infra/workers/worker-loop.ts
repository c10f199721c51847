import { FAN_OUT_EVENT_TYPES, type CollectiveCases } from '../../services/collective/collective-cases';
import { COLLECTIVE_STREAM_PREFIX } from '../../services/collective/collective-case';
import type { EventStore, Subscription } from '../../services/event-store';
import type { Logger } from '../logger';
import { compensateOutages, processDeadlines, type PolicyWorkerDeps } from './policy-workers';

export interface PolicyWorkersOptions extends PolicyWorkerDeps {
  store: EventStore;
  collective: CollectiveCases;
  /** How often the deadline processor and the outage compensator look for work, ms. */
  pollMs: number;
}

/** The background workers of one process; several processes may run them at once (each acts once). */
export interface PolicyWorkers {
  /** One tick of the deadline processor and the outage compensator, now. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the deadline processor and the outage compensator (a tick every `pollMs`) and the
 * collective fan-out, which follows every case escalation and resolution in the store from the
 * start: a fan-out interrupted half-way is finished after a restart, and members already done are
 * left alone (their command ids are in their streams).
 */
export function startPolicyWorkers(options: PolicyWorkersOptions): PolicyWorkers {
  const logger = options.logger.child({ component: 'policy-workers' });
  const deps = { ...options, logger };
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  // At most one tick waits behind the one running: a slow tick never piles up timer ticks, and a
  // tick asked for after the clock moved still runs after the one in progress.
  const tick = (): Promise<void> => {
    if (queued) return queued;
    const next = running
      .then(async () => {
        queued = null;
        await processDeadlines(deps);
        await compensateOutages(deps);
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'policy worker tick failed; retrying on the next tick'));
    queued = next;
    running = next;
    return next;
  };
  const timer = setInterval(tick, options.pollMs);
  const subscription = options.store.subscribeToAll({
    after: 'start',
    filter: { streamPrefixes: [COLLECTIVE_STREAM_PREFIX], eventTypes: FAN_OUT_EVENT_TYPES },
  });
  const fanOut = followCases(subscription, options.collective, logger);
  return {
    runOnce: tick,
    async stop() {
      clearInterval(timer);
      await subscription.close();
      await fanOut;
      await running;
    },
  };
}

async function followCases(subscription: Subscription, collective: CollectiveCases, logger: Logger): Promise<void> {
  try {
    for await (const event of subscription) await collective.fanOut(event);
  } catch (error) {
    logger.error({ err: error }, 'collective fan-out stopped; it resumes from the start at the next start');
  }
}
