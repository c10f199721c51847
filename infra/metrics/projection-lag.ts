import type { MikroORM } from '@mikro-orm/core';
import { Gauge } from 'prom-client';
import type { AnyProjection } from '../../projections/projection';
import type { EventStore } from '../../services/event-store';
import { projectionStatus, type ProjectionStatus } from '../projections/status';
import type { Metrics } from './metrics';

/** Both gauges of one scrape share one status read made within this many ms. */
const SHARED_READ_MS = 1000;

/**
 * `projection_lag_events` and `projection_lag_seconds` per projection, measured when Prometheus
 * scrapes (as `recourse projections status` measures them), so they cost nothing in between.
 */
export function registerProjectionLag(
  metrics: Metrics,
  deps: { store: EventStore; orm: MikroORM; projections: readonly AnyProjection[] },
): void {
  let latest: { at: number; statuses: Promise<ProjectionStatus[]> } | null = null;
  const statuses = () => {
    if (!latest || Date.now() - latest.at > SHARED_READ_MS) latest = { at: Date.now(), statuses: projectionStatus(deps) };
    return latest.statuses;
  };
  const gauge = (name: string, help: string, value: (status: ProjectionStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers: [metrics.registry],
      async collect() {
        for (const status of await statuses()) this.set({ projection: status.name }, value(status));
      },
    });
  gauge('projection_lag_events', 'Events appended but not yet applied, per projection', (status) => Number(status.lag));
  gauge('projection_lag_seconds', 'Age of the oldest event not yet applied, per projection (0 when caught up)', (status) => status.lagSeconds);
}
