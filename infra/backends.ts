import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/core';
import { allProjections } from '../projections';
import type { EventStore } from '../services/event-store';
import type { Config } from './config';
import { openReadModels } from './database/read-models';
import type { StatementCounter } from './database/statement-counter';
import { openSqliteEventStore } from './event-store/sqlite-event-store';
import type { Logger } from './logger';
import { ProjectorLease } from './projections/lease';
import { ProjectionRunner } from './projections/runner';

/** The event store the configuration names. */
export function openEventStore(config: Config): EventStore {
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteEventStore({ path: config.eventStorePath, pollIntervalMs: config.eventPollMs });
}

/** The read-model database the configuration names, its schema up to date. */
export function openReadModelDatabase(config: Config, statementCounter?: StatementCounter): Promise<MikroORM> {
  mkdirSync(config.dataDir, { recursive: true });
  return openReadModels({ path: config.readModelPath, statementCounter });
}

/** The projection runner over every read model, holding the projector lease while it projects. */
export function createProjectionRunner(config: Config, store: EventStore, orm: MikroORM, logger: Logger): ProjectionRunner {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return new ProjectionRunner({
    store,
    orm,
    projections: allProjections,
    batchSize: config.projectionBatchSize,
    logger: logger.child({ component: 'projections' }),
    lease: new ProjectorLease(orm, holder, config.projectorLeaseMs),
  });
}
