import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/core';
import type { EventStore } from '../services/event-store';
import { createProjectionRunner, openEventStores, openReadModelDatabase, sqliteFiles } from './backends';
import { connectPeers, type ClusterPeers } from './cluster/peers';
import type { Config } from './config';
import type { StatementCounter } from './database/statement-counter';
import { keepStatisticsFresh } from './database/statistics';
import { startWalCheckpointer } from './sqlite/wal-checkpointer';
import { TokenUsageRecorder } from '../services/token-usage';
import { allProjections } from '../projections';
import { createGraphQLApi } from './http/graphql-api';
import { createHttpServer } from './http/server';
import { RateLimiter } from './limits/rate-limiter';
import type { Logger } from './logger';
import { MeasuredClaimService } from './metrics/measured-claim-service';
import { createMetrics, type Metrics } from './metrics/metrics';
import { registerProjectionLag } from './metrics/projection-lag';
import { ProjectorThread } from './projections/projector-thread';
import type { ProjectionRunner } from './projections/runner';
import { startClaimEventHub } from './subscriptions/claim-event-hub';
import { followTokenRevocations } from './subscriptions/token-revocations';
import { attachSubscriptionServer } from './subscriptions/ws-server';
import { createWebhookDispatcher, createWebhookService, webhookSigningSecrets } from './webhooks';
import { createWriteServices, startWorkers } from './policy-services';
import type { PolicyWorkers } from './workers/worker-loop';

export { openEventStore, openEventStores } from './backends';

/** A running Recourse process: where it listens and a clean shutdown. */
export interface RunningRecourse {
  url: string;
  port: number;
  close(): Promise<void>;
  /** The deadline processor, outage compensator and collective fan-out; null where projections do not run. */
  workers?: PolicyWorkers | null;
}

/** Seams for tests: observe what the running app does without changing it. */
export interface Instrumentation {
  /** Counts the read-model database's SQL statements. */
  statementCounter?: StatementCounter;
  /** The process's metrics; a fresh registry when absent (tests pass their own to read it). */
  metrics?: Metrics;
  /** The clock of commands and workers; tests move it forward instead of sleeping. Default the system clock. */
  clock?: () => Date;
}

/**
 * The composition root of the API: opens the stores, runs the projections unless told not to
 * (another process may project: `recourse project`), serves GraphQL and health over HTTP, and
 * GraphQL subscriptions over WebSocket (graphql-ws) on the same port and path.
 */
export async function startRecourse(
  config: Config,
  logger: Logger,
  instrumentation: Instrumentation = {},
  /** The other workers of a `serve --workers N` cluster, when this process is one of them. */
  peers?: ClusterPeers,
): Promise<RunningRecourse> {
  const { store, raw: rawStore } = openEventStores(config);
  const orm = await openReadModelDatabase(config, instrumentation.statementCounter);
  const checkpointer = startWalCheckpointer(sqliteFiles(config), logger);
  const statistics = keepStatisticsFresh(orm, (error) => logger.warn({ err: error }, 'could not refresh the read models\' statistics'));
  const runner = createProjectionRunner(config, store, orm, logger, peers && ((position) => peers.projected(position)));
  // The runner projects here, on its own thread (then this one only waits for its positions), or elsewhere.
  const thread = config.runProjections && config.projectorThread && !peers ? new ProjectorThread({ config, logLevel: logger.level }, logger) : null;
  const others = peers ?? thread?.peers;
  const disconnectPeers = others ? connectPeers(others, rawStore, runner) : () => undefined;
  if (config.runProjections && !thread) runner.start();
  const { safety } = config;
  const metrics = instrumentation.metrics ?? createMetrics();
  registerProjectionLag(metrics, { store, orm, projections: allProjections });
  const secrets = webhookSigningSecrets(config.webhooks);
  const dispatcher = createWebhookDispatcher(config.webhooks, orm, secrets, logger, config.projectorLeaseMs, metrics);
  if (config.runProjections) dispatcher.start();

  const clock = instrumentation.clock ?? (() => new Date());
  const services = createWriteServices(config, store, clock, metrics);
  const workers = config.runProjections ? startWorkers(config, services, store, orm, clock, logger) : null;
  await thread?.ready;
  const claimFeed = await startClaimEventHub(store, logger);
  const graphql = await createGraphQLApi(
    store,
    {
      ...services,
      webhooks: createWebhookService(config.webhooks, store, orm, secrets),
      store,
      rawStore,
      read: { entityManager: () => orm.em.fork(), waitForPosition: (position, ms) => runner.waitForPosition(position, ms) },
      projectionWaitMs: config.projectionWaitMs,
      claimFeed,
    },
    logger,
    {
      limits: safety,
      maxTokens: safety.maxTokens,
      mutations: new RateLimiter(safety.mutationsPerMinute),
      production: safety.production,
      metrics,
      usage: new TokenUsageRecorder({ store, newId: randomUUID, clock: () => new Date() }),
    },
  );
  const http = createHttpServer({
    graphql,
    logger,
    maxBodyBytes: safety.maxBodyBytes,
    readiness: readiness(store, runner, logger),
    metrics: safety.metrics ? metrics : undefined,
    corsOrigins: safety.corsOrigins,
  });
  const subscriptions = attachSubscriptionServer({
    http,
    path: '/graphql',
    schema: graphql.schema,
    principalOf: graphql.principalOf,
    contextFor: graphql.contextForPrincipal,
    formatError: graphql.formatError,
    logger,
    maxPayloadBytes: safety.maxBodyBytes,
    guard: graphql.guard,
    maxTokens: safety.maxTokens,
    production: safety.production,
  });
  const revocations = followTokenRevocations(store, (tokenId) => subscriptions.closeToken(tokenId), logger);
  const port = await listen(http, config);
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    workers,
    async close() {
      // WebSockets first: upgraded connections would keep the HTTP server from closing.
      await subscriptions.close();
      await revocations.close();
      await claimFeed.close();
      await closeHttp(http);
      disconnectPeers();
      await graphql.apollo.stop();
      await dispatcher.stop();
      await workers?.stop();
      await thread?.stop();
      statistics.stop();
      await checkpointer.stop();
      await closeStores(runner, orm, store);
    },
  };
}

/** A process that only projects and delivers webhooks (`recourse project`), with health endpoints for orchestration. */
export async function startProjector(config: Config, logger: Logger): Promise<RunningRecourse> {
  const { store } = openEventStores(config);
  const orm = await openReadModelDatabase(config);
  const checkpointer = startWalCheckpointer(sqliteFiles(config), logger);
  const statistics = keepStatisticsFresh(orm, (error) => logger.warn({ err: error }, 'could not refresh the read models\' statistics'));
  const runner = createProjectionRunner(config, store, orm, logger);
  const metrics = createMetrics();
  registerProjectionLag(metrics, { store, orm, projections: allProjections });
  const dispatcher = createWebhookDispatcher(config.webhooks, orm, webhookSigningSecrets(config.webhooks), logger, config.projectorLeaseMs, metrics);
  runner.start();
  dispatcher.start();
  const workers = startWorkers(config, createWriteServices(config, store, () => new Date(), metrics), store, orm, () => new Date(), logger);
  const http = createHttpServer({
    logger,
    maxBodyBytes: config.safety.maxBodyBytes,
    readiness: readiness(store, runner, logger),
    metrics: config.safety.metrics ? metrics : undefined,
  });
  const port = await listen(http, config);
  return {
    url: `http://localhost:${port}/readyz`,
    port,
    workers,
    async close() {
      await closeHttp(http);
      await dispatcher.stop();
      await workers.stop();
      statistics.stop();
      await checkpointer.stop();
      await closeStores(runner, orm, store);
    },
  };
}

/** Ready when both stores answer; says how far the projections lag behind the event store. */
function readiness(store: EventStore, runner: ProjectionRunner, logger: Logger) {
  return async () => {
    try {
      const [head, projected] = await Promise.all([store.headPosition(), runner.position()]);
      const lag = Number(head - projected);
      return { ready: true, details: { eventStorePosition: String(head), projectionPosition: String(projected), lag } };
    } catch (error) {
      logger.warn({ err: error }, 'not ready');
      return { ready: false, details: { reason: 'a database does not answer; see the log' } };
    }
  };
}

async function listen(http: Server, config: Config): Promise<number> {
  await new Promise<void>((resolve) => http.listen(config.port, config.host, resolve));
  return (http.address() as AddressInfo).port;
}

/** Stops taking connections and waits for the requests in flight. */
function closeHttp(http: Server): Promise<void> {
  return new Promise((resolve) => {
    http.close(() => resolve());
    http.closeIdleConnections();
  });
}

/** Finishes the batch in progress, then closes the databases. */
async function closeStores(runner: ProjectionRunner, orm: MikroORM, store: EventStore): Promise<void> {
  await runner.stop();
  await orm.close();
  await store.close();
}
