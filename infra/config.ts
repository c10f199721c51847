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
  /** Run it on a thread of its own rather than the serving event loop (one-process servers). `PROJECTOR_THREAD`, default on. */
  projectorThread: boolean;
  /** Processes serving the API on one port (node:cluster); `serve --workers N` overrides it. `WORKERS`, default 1. */
  workers: number;
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
  /** Limits and posture for running on the open internet (README "Running in production"). */
  safety: SafetyConfig;
  /** Webhook delivery settings (`WEBHOOK_*`, `WEBHOOKS_ALLOW_LOOPBACK`). */
  webhooks: WebhookSettings;
  /** How often the deadline processor and the outage compensator look for work, ms. `WORKER_POLL_MS`, default 1000. */
  workerPollMs: number;
  /** Worker threads for `recourse audit verify` of a whole SQLite store. `AUDIT_THREADS`: a number, or `auto` (default: one per core, at most 4, for a store of 50,000 events or more). */
  auditThreads: number | 'auto';
}

/** How webhooks are signed and delivered. */
export interface WebhookSettings {
  /**
   * Base64 of at least 32 random bytes from which every webhook's signing secret is derived (nothing
   * secret is stored). `WEBHOOK_SECRETS_KEY`; when unset, a key file in the data directory is made on
   * first use (`secretsKeyPath`). Every process that serves or delivers webhooks needs the same key.
   */
  secretsKey: string | null;
  /** The key file used when `WEBHOOK_SECRETS_KEY` is unset: `<DATA_DIR>/webhook-secrets.key`. */
  secretsKeyPath: string;
  /** Let webhook URLs reach loopback addresses (local development and tests; never private ones). `WEBHOOKS_ALLOW_LOOPBACK`, default off. */
  allowLoopback: boolean;
  /** How long one delivery attempt may take, ms. `WEBHOOK_TIMEOUT_MS`, default 10000. */
  timeoutMs: number;
  /** Deliveries in flight per webhook (different claims; one claim's go one at a time). `WEBHOOK_CONCURRENCY`, default 4. */
  concurrency: number;
  /** How often the dispatcher looks for due deliveries, ms. `WEBHOOK_POLL_MS`, default 200. */
  pollMs: number;
  /** First retry delay, doubled on each failure (with jitter), ms. `WEBHOOK_RETRY_BASE_MS`, default 5000. */
  retryBaseMs: number;
  /** Longest delay between two attempts, ms. `WEBHOOK_RETRY_MAX_DELAY_MS`, default 3600000 (1 hour). */
  retryMaxDelayMs: number;
  /** How long after the first attempt a delivery keeps being retried before it is FAILED, ms. `WEBHOOK_RETRY_WINDOW_MS`, default 86400000 (24 hours). */
  retryWindowMs: number;
}

/** What keeps Recourse safe to expose: request limits, rate limits, production posture. */
export interface SafetyConfig {
  /** Largest request body and WebSocket message, bytes. `MAX_BODY_BYTES`, default 1048576 (1 MiB). */
  maxBodyBytes: number;
  /** Deepest nesting of selections. `MAX_QUERY_DEPTH`, default 10. */
  maxDepth: number;
  /** Most aliases in one operation. `MAX_QUERY_ALIASES`, default 15. */
  maxAliases: number;
  /** Most lexical tokens in one document. `MAX_QUERY_TOKENS`, default 2000. */
  maxTokens: number;
  /** Highest operation cost (fields, lists times their size). `MAX_QUERY_COST`, default 20000. */
  maxCost: number;
  /** Mutations one token may send per minute (a burst of as many, refilled evenly). `MUTATIONS_PER_MINUTE`, default 60. */
  mutationsPerMinute: number;
  /** Follow-ups a claimant may send per claim within an hour. `MAX_FOLLOW_UPS_PER_HOUR`, default 3. */
  maxFollowUpsPerHour: number;
  /** How far an incident may lie ahead of the server's clock, seconds. `CLOCK_SKEW_SECONDS`, default 300. */
  clockSkewSeconds: number;
  /** `NODE_ENV=production`: introspection and field suggestions only for staff. */
  production: boolean;
  /** Browser origins allowed to call the API (CORS), exactly as sent in `Origin`. `CORS_ORIGINS`, comma-separated; default none. */
  corsOrigins: string[];
  /** Serve Prometheus metrics at /metrics. `METRICS`, default on. */
  metrics: boolean;
  /** Days a token made by `token create` stays valid unless told otherwise. `TOKEN_TTL_DAYS`, default 90. */
  tokenTtlDays: number;
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

function safety(env: Env): SafetyConfig {
  return {
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxDepth: integer(env, 'MAX_QUERY_DEPTH', 10, 2, 100),
    maxAliases: integer(env, 'MAX_QUERY_ALIASES', 15, 0, 1000),
    maxTokens: integer(env, 'MAX_QUERY_TOKENS', 2000, 50, 100_000),
    maxCost: integer(env, 'MAX_QUERY_COST', 20_000, 10, 10_000_000),
    mutationsPerMinute: integer(env, 'MUTATIONS_PER_MINUTE', 60, 1, 1_000_000),
    maxFollowUpsPerHour: integer(env, 'MAX_FOLLOW_UPS_PER_HOUR', 3, 1, 100),
    clockSkewSeconds: integer(env, 'CLOCK_SKEW_SECONDS', 300, 0, 86_400),
    production: env.NODE_ENV === 'production',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''),
    metrics: flag(env, 'METRICS', true),
    tokenTtlDays: integer(env, 'TOKEN_TTL_DAYS', 90, 1, 3650),
  };
}

/** `AUDIT_THREADS`: `auto` (or unset), or a number of threads. */
function auditThreadsSetting(env: Env): number | 'auto' {
  const raw = env.AUDIT_THREADS;
  return raw === undefined || raw === '' || raw === 'auto' ? 'auto' : integer(env, 'AUDIT_THREADS', 1, 1, 64);
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
    projectorThread: flag(env, 'PROJECTOR_THREAD', true),
    workers: integer(env, 'WORKERS', 1, 1, 64),
    filingWindowHours: integer(env, 'FILING_WINDOW_HOURS', 24, 1, 24 * 365),
    maxResubmissions: integer(env, 'MAX_RESUBMISSIONS', 3, 0, 100),
    commandRetries: integer(env, 'COMMAND_RETRIES', 10, 0, 100),
    logLevel,
    eventPollMs: integer(env, 'EVENT_POLL_MS', 100, 5, 60_000),
    safety: safety(env),
    webhooks: webhookSettings(env, dataDir),
    workerPollMs: integer(env, 'WORKER_POLL_MS', 1000, 5, 3_600_000),
    auditThreads: auditThreadsSetting(env),
  };
}

function webhookSettings(env: Env, dataDir: string): WebhookSettings {
  const secretsKey = env.WEBHOOK_SECRETS_KEY || null;
  if (secretsKey !== null && Buffer.from(secretsKey, 'base64').length < 32) {
    throw new ConfigError('WEBHOOK_SECRETS_KEY must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`)');
  }
  return {
    secretsKey,
    secretsKeyPath: path.join(dataDir, 'webhook-secrets.key'),
    allowLoopback: flag(env, 'WEBHOOKS_ALLOW_LOOPBACK', false),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 300_000),
    concurrency: integer(env, 'WEBHOOK_CONCURRENCY', 4, 1, 64),
    pollMs: integer(env, 'WEBHOOK_POLL_MS', 200, 5, 60_000),
    retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 5_000, 1, 3_600_000),
    retryMaxDelayMs: integer(env, 'WEBHOOK_RETRY_MAX_DELAY_MS', 3_600_000, 1, 86_400_000),
    retryWindowMs: integer(env, 'WEBHOOK_RETRY_WINDOW_MS', 86_400_000, 1, 30 * 86_400_000),
  };
}
