import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/core';
import { allProjections } from '../projections';
import type { EventStore } from '../services/event-store';
import { upcastingEventStore } from '../services/upcasting/upcasting-event-store';
import type { Config } from './config';
import { openReadModels, readModelsTarget } from './database/read-models';
import type { StatementCounter } from './database/statement-counter';
import { openEventStoreDbEventStore } from './event-store/eventstoredb/eventstoredb-event-store';
import { openSqliteEventStore } from './event-store/sqlite-event-store';
import type { Logger } from './logger';
import { ProjectorLease } from './projections/lease';
import { ProjectionRunner } from './projections/runner';
import { webhookOutboxStep } from './webhooks/outbox-step';

/**
 * The event store the configuration names, events exactly as stored (old schema versions as they
 * were written): for hash verification and export. Everything else reads through
 * {@link openEventStores}' `store`, which upcasts.
 */
export function openEventStore(config: Config): EventStore {
  if (config.eventStore === 'eventstoredb') {
    return openEventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteEventStore({ path: config.eventStorePath, pollIntervalMs: config.eventPollMs });
}

/** One connection to the event store, seen two ways; closing either closes the connection. */
export interface EventStores {
  /** Events in their type's current shape (upcast on read): the decider, projections, history, time travel. */
  store: EventStore;
  /** Events as stored, which the hash chain covers: verification and export. */
  raw: EventStore;
}

/** The configured event store, raw and upcasting (see {@link EventStores}). */
export function openEventStores(config: Config): EventStores {
  const raw = openEventStore(config);
  return { raw, store: upcastingEventStore(raw) };
}

/** The read-model database the configuration names, its schema up to date. */
export function openReadModelDatabase(config: Config, statementCounter?: StatementCounter): Promise<MikroORM> {
  if (config.readModelDb === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  return openReadModels({ ...readModelsTarget(config), statementCounter });
}

/** The SQLite files the configuration uses (none when both stores are servers). */
export function sqliteFiles(config: Config): string[] {
  const files: string[] = [];
  if (config.eventStore === 'sqlite') files.push(config.eventStorePath);
  if (config.readModelDb === 'sqlite') files.push(config.readModelPath);
  return files;
}

/** The projection runner over every read model and the webhook outbox, holding the projector lease while it projects. */
export function createProjectionRunner(
  config: Config,
  store: EventStore,
  orm: MikroORM,
  logger: Logger,
  /** Told the position after each commit (a cluster worker tells the others). */
  onCommitted?: (position: bigint) => void,
): ProjectionRunner {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return new ProjectionRunner({
    store,
    orm,
    projections: allProjections,
    steps: [webhookOutboxStep()],
    batchSize: config.projectionBatchSize,
    logger: logger.child({ component: 'projections' }),
    lease: new ProjectorLease(orm, holder, config.projectorLeaseMs),
    onCommitted,
  });
}
