import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../infra/config';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
/** Every variable infra/config.ts reads (the one module that reads the environment). */
const settings = [...read('infra/config.ts').matchAll(/env(?:\.|, ')([A-Z_]+)/g)].map((match) => match[1]);

describe('docker-compose.yml', () => {
  it('runs KurrentDB, PostgreSQL, one projector and the API, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'kurrentdb', 'postgres', 'projector']);
    for (const service of Object.values(compose.services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
    expect(compose.services.projector.command).toEqual(['project']);
    expect(compose.services.api.command).toEqual(['serve', '--no-projections']);
  });

  it('starts the stores first, then the projector (which migrates), then the API', () => {
    expect(compose.services.projector.depends_on).toEqual({
      kurrentdb: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
    expect(compose.services.api.depends_on).toEqual({ projector: { condition: 'service_healthy' } });
  });

  it.each(['api', 'projector'])('gives the %s only settings the config module knows, and valid ones', (name) => {
    const environment = compose.services[name].environment ?? {};
    expect(Object.keys(environment).filter((key) => !settings.includes(key))).toEqual([]);
    expect(loadConfig(environment)).toMatchObject({ eventStore: 'eventstoredb', readModelDb: 'postgresql' });
  });

  it('points the app at the compose services by name', () => {
    const environment = compose.services.api.environment ?? {};
    expect(environment.EVENTSTORE_CONNECTION_STRING).toMatch(/^esdb:\/\/kurrentdb:2113/);
    expect(environment.DATABASE_URL).toMatch(/@postgres:5432\//);
  });
});

describe('README.md', () => {
  it('lists every setting the config module reads', () => {
    const readme = read('README.md');
    expect(settings.length).toBeGreaterThan(10);
    expect(settings.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  it('runs the recourse CLI, serving by default', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "dist\/infra\/cli\/main.js"\]/);
    expect(dockerfile).toMatch(/CMD \["serve"\]/);
  });
});
