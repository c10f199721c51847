import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { allProjections } from '../projections';
import { buildRecourseSchema } from '../schema/build-schema';
import { createContext, type Context, type ContextDeps } from '../schema/context';
import { createErrorFormatter, unauthenticated } from '../schema/errors';
import { ClaimService } from '../services/claim-service';
import { createClaimDecider } from '../services/claims';
import type { EventStore } from '../services/event-store';
import { authenticate } from '../services/tokens';
import type { Config } from './config';
import { openReadModels } from './database/read-models';
import type { StatementCounter } from './database/statement-counter';
import { openSqliteEventStore } from './event-store/sqlite-event-store';
import { createHttpServer } from './http/server';
import type { Logger } from './logger';
import { ProjectionRunner } from './projections/runner';

/** A running Recourse: its URL and a clean shutdown. */
export interface RunningRecourse {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The event store the configuration names (the embedded SQLite file for now). */
export function openEventStore(config: Config): EventStore {
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteEventStore({ path: config.eventStorePath, pollIntervalMs: config.eventPollMs });
}

/** Seams for tests: observe what the running app does without changing it. */
export interface Instrumentation {
  /** Counts the read-model database's SQL statements. */
  statementCounter?: StatementCounter;
}

/** The composition root: opens the stores, starts the projections, serves HTTP. */
export async function startRecourse(
  config: Config,
  logger: Logger,
  instrumentation: Instrumentation = {},
): Promise<RunningRecourse> {
  const store = openEventStore(config);
  const orm = await openReadModels({ path: config.readModelPath, statementCounter: instrumentation.statementCounter });
  const runner = new ProjectionRunner({
    store,
    orm,
    projections: allProjections,
    batchSize: config.projectionBatchSize,
    logger: logger.child({ component: 'projections' }),
  });
  if (config.runProjections) runner.start();

  const claims = new ClaimService({
    store,
    decider: createClaimDecider({ filingWindowHours: config.filingWindowHours, maxResubmissions: config.maxResubmissions }),
    clock: () => new Date(),
    newId: randomUUID,
    retries: config.commandRetries,
  });
  const contextDeps: ContextDeps = {
    claims,
    store,
    read: { entityManager: () => orm.em.fork(), waitForPosition: (position, ms) => runner.waitForPosition(position, ms) },
    projectionWaitMs: config.projectionWaitMs,
  };

  const apollo = new ApolloServer<Context>({
    schema: await buildRecourseSchema(),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const contextFor = async (request: IncomingMessage, requestId: string): Promise<Context> => {
    const header = request.headers.authorization;
    if (header === undefined) return createContext(contextDeps, null, requestId);
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const principal = token ? await authenticate(store, token) : null;
    if (!principal) throw unauthenticated();
    return createContext(contextDeps, principal, requestId);
  };

  const http = createHttpServer({
    apollo,
    contextFor,
    logger,
    maxBodyBytes: MAX_BODY_BYTES,
    readiness: async () => {
      try {
        const [head, projected] = await Promise.all([store.headPosition(), runner.position()]);
        const lag = Number(head - projected);
        return { ready: true, details: { eventStorePosition: String(head), projectionPosition: String(projected), lag } };
      } catch (error) {
        logger.warn({ err: error }, 'not ready');
        return { ready: false, details: { reason: 'a database does not answer; see the log' } };
      }
    },
  });
  await new Promise<void>((resolve) => http.listen(config.port, config.host, resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://localhost:${port}/graphql`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
      });
      await apollo.stop();
      await runner.stop();
      await orm.close();
      await store.close();
    },
  };
}
