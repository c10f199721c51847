import path from 'node:path';
import { ConfigError, loadConfig } from '../../infra/config';

describe('the configuration', () => {
  it('defaults to the embedded setup: port 4000, data under ./data, SQLite for events and read models', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      dataDir: path.resolve('data'),
      eventStore: 'sqlite',
      eventStorePath: path.resolve('data', 'events.sqlite'),
      readModelDb: 'sqlite',
      readModelPath: path.resolve('data', 'read-models.sqlite'),
      runProjections: true,
      filingWindowHours: 24,
      maxResubmissions: 3,
    });
  });

  it('follows DATA_DIR and PORT', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/recourse-x', PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.eventStorePath).toBe('/tmp/recourse-x/events.sqlite');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [{ PROJECTIONS: 'maybe' }, /PROJECTIONS must be on or off/],
    [{ WORKERS: '0' }, /WORKERS must be an integer from 1 to 64/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ EVENT_STORE: 'kafka' }, /EVENT_STORE must be one of sqlite, eventstoredb/],
    [{ EVENT_STORE: 'eventstoredb' }, /EVENTSTORE_CONNECTION_STRING is required with EVENT_STORE=eventstoredb/],
    [{ READ_MODEL_DB: 'postgresql' }, /DATABASE_URL is required with READ_MODEL_DB=postgresql/],
    [{ READ_MODEL_DB: 'postgresql', DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\//],
  ])('refuses %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes the production backends with their URLs', () => {
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://kurrentdb:2113?tls=false',
      READ_MODEL_DB: 'postgresql',
      DATABASE_URL: 'postgres://recourse@postgres:5432/recourse',
    });
    expect(config).toMatchObject({
      eventStore: 'eventstoredb',
      eventStoreConnectionString: 'esdb://kurrentdb:2113?tls=false',
      readModelDb: 'postgresql',
      databaseUrl: 'postgres://recourse@postgres:5432/recourse',
    });
  });
});
