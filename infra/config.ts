import path from 'node:path';

/**
 * The one place that reads the environment. Everything else gets a typed `Config` from the
 * composition root. Every setting is listed in README.md's settings table.
 */
export interface Config {
  /** HTTP and WebSocket port. `PORT`, default 4000. */
  port: number;
  /** Interface to listen on. `HOST`, default 0.0.0.0. */
  host: string;
  /** Where the embedded SQLite files live. `DATA_DIR`, default `./data`. */
  dataDir: string;
  /** Which event store: the embedded SQLite file or an EventStoreDB/KurrentDB server. `EVENT_STORE`, default sqlite. */
  eventStore: 'sqlite' | 'eventstoredb';
  /** The SQLite event store file. `EVENT_STORE_PATH`, default `<DATA_DIR>/events.sqlite`. */
  eventStorePath: string;
  /** `EVENTSTORE_CONNECTION_STRING` (esdb://…); required with `EVENT_STORE=eventstoredb`. */
  eventStoreConnectionString: string | null;
  /** Where the read models live. `READ_MODEL_DB`, default sqlite. */
  readModelDb: 'sqlite' | 'postgresql';
  /** The SQLite read-model file. `READ_MODEL_PATH`, default `<DATA_DIR>/read-models.sqlite`. */
  readModelPath: string;
  /** `DATABASE_URL` (postgres://…); required with `READ_MODEL_DB=postgresql`. */
  databaseUrl: string | null;
  /** Longest a mutation waits for the read model to show its append, ms. `PROJECTION_WAIT_MS`, default 5000. */
  projectionWaitMs: number;
  /** Events per projection transaction. `PROJECTION_BATCH_SIZE`, default 500. */
  projectionBatchSize: number;
  /** How long a projector that stopped renewing its lease keeps it before a standby takes over, ms. `PROJECTOR_LEASE_MS`, default 10000. */
  projectorLeaseMs: number;
  /** Run the projection runner inside the server process. `PROJECTIONS=off` to disable; default on. */
  runProjections: boolean;
  /** Hours after the incident within which a claim counts as filed in time. `FILING_WINDOW_HOURS`, default 24. */
  filingWindowHours: number;
  /** Resubmissions allowed after rejections. `MAX_RESUBMISSIONS`, default 3. */
  maxResubmissions: number;
  /** How often a conflicting append is retried when the client sent no expectedRevision. `COMMAND_RETRIES`, default 10. */
  commandRetries: number;
  /** Minimum log level (trace, debug, info, warn, error, fatal, silent). `LOG_LEVEL`, default info. */
  logLevel: string;
  /** Milliseconds between polls for events appended by other processes. `EVENT_POLL_MS`, default 100. */
  eventPollMs: number;
  /** How often the deadline processor and the outage compensator look for work, ms. `WORKER_POLL_MS`, default 1000. */
  workerPollMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off; got "${env[name]}"`);
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function oneOf<const T extends string>(env: Env, name: string, choices: readonly T[]): T {
  const raw = env[name] || choices[0];
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}; got "${raw}"`);
  }
  return raw as T;
}

/** A URL setting that must be given when `needed`, with one of `schemes`. */
function url(env: Env, name: string, needed: string | null, schemes: string[]): string | null {
  const raw = env[name];
  if (!raw) {
    if (needed) throw new ConfigError(`${name} is required with ${needed}`);
    return null;
  }
  const scheme = raw.split('://')[0];
  if (!schemes.includes(scheme)) {
    throw new ConfigError(`${name} must start with ${schemes.map((s) => `${s}://`).join(' or ')}`);
  }
  return raw;
}

/** Reads and validates the settings; throws ConfigError naming the bad setting. */
export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  }
  const eventStore = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const);
  const readModelDb = oneOf(env, 'READ_MODEL_DB', ['sqlite', 'postgresql'] as const);
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    eventStore,
    eventStorePath: path.resolve(env.EVENT_STORE_PATH || path.join(dataDir, 'events.sqlite')),
    eventStoreConnectionString: url(env, 'EVENTSTORE_CONNECTION_STRING', eventStore === 'eventstoredb' ? 'EVENT_STORE=eventstoredb' : null, [
      'esdb',
      'esdb+discover',
    ]),
    readModelDb,
    readModelPath: path.resolve(env.READ_MODEL_PATH || path.join(dataDir, 'read-models.sqlite')),
    databaseUrl: url(env, 'DATABASE_URL', readModelDb === 'postgresql' ? 'READ_MODEL_DB=postgresql' : null, [
      'postgres',
      'postgresql',
    ]),
    projectionWaitMs: integer(env, 'PROJECTION_WAIT_MS', 5000, 0, 600_000),
    projectionBatchSize: integer(env, 'PROJECTION_BATCH_SIZE', 500, 1, 100_000),
    projectorLeaseMs: integer(env, 'PROJECTOR_LEASE_MS', 10_000, 100, 600_000),
    runProjections: flag(env, 'PROJECTIONS', true),
    filingWindowHours: integer(env, 'FILING_WINDOW_HOURS', 24, 1, 24 * 365),
    maxResubmissions: integer(env, 'MAX_RESUBMISSIONS', 3, 0, 100),
    commandRetries: integer(env, 'COMMAND_RETRIES', 10, 0, 100),
    logLevel,
    eventPollMs: integer(env, 'EVENT_POLL_MS', 100, 5, 60_000),
    workerPollMs: integer(env, 'WORKER_POLL_MS', 1000, 5, 3_600_000),
  };
}
