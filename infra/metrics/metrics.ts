import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics. One `Metrics` is made by the composition root and passed to
 * whatever records into it (no module-level registry, so tests and several apps in one process
 * never mix their figures). To add a metric, create it on `registry` here and pass it (not the
 * registry) to the code that counts, as `webhookDeliveries` is passed to the webhook dispatcher.
 */
export interface Metrics {
  registry: Registry;
  /** HTTP requests by method, route and status, seconds. */
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Claim commands by command type and outcome (`ok` or the error code), seconds. */
  commandDuration: Histogram<'command' | 'outcome'>;
  /** Appends that met a concurrent append, by whether the service `retried` or `answered` CONFLICT. */
  conflicts: Counter<'handling'>;
  /** Operations refused by a rate limit, by limit. */
  rateLimited: Counter<'limit'>;
  /** Operations refused by a query limit, by code. */
  queryRefusals: Counter<'code'>;
  /** Webhook delivery attempts by outcome: `delivered`, `retrying` (failed, tried again later) or `failed` (given up). */
  webhookDeliveries: Counter<'status'>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A fresh registry with Node's default process metrics and Recourse's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    commandDuration: new Histogram({
      name: 'claim_command_duration_seconds',
      help: 'Claim commands (load, decide, append) by type and outcome',
      labelNames: ['command', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    conflicts: new Counter({
      name: 'claim_command_conflicts_total',
      help: 'Appends that met a concurrent append: retried by the service, or answered CONFLICT',
      labelNames: ['handling'],
      registers,
    }),
    rateLimited: new Counter({ name: 'rate_limit_refusals_total', help: 'Operations refused by a rate limit', labelNames: ['limit'], registers }),
    queryRefusals: new Counter({ name: 'query_limit_refusals_total', help: 'Operations refused by a query limit', labelNames: ['code'], registers }),
    webhookDeliveries: new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, retrying, failed (retries given up)',
      labelNames: ['status'],
      registers,
    }),
  };
}
