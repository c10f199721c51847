import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../infra/config';
import { createLogger } from '../../infra/logger';
import { openEventStore, startRecourse, type Instrumentation, type RunningRecourse } from '../../infra/main';
import { issueToken, type TokenRole } from '../../services/tokens';
import { assertReadModelBackend, readModelEnv, removeReadModels } from './read-model-backend';

export interface GraphQLAnswer<Data = Record<string, any>> {
  status: number;
  data?: Data;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
}

/** A real Recourse on a free port with its own data directory (and read-model database: see read-model-backend.ts). */
export class TestApp {
  private constructor(
    readonly config: Config,
    private running: RunningRecourse | null,
    private readonly instrumentation: Instrumentation = {},
  ) {}

  static async start(
    env: Record<string, string> = {},
    options: { dataDir?: string; instrumentation?: Instrumentation } = {},
  ): Promise<TestApp> {
    const dir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'recourse-api-'));
    const readModels = await readModelEnv(dir);
    // Tests send mutations and follow-ups far faster than anyone should: the limit tests set their own.
    const defaults = { DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', EVENT_POLL_MS: '20', MUTATIONS_PER_MINUTE: '1000000', MAX_FOLLOW_UPS_PER_HOUR: '100' };
    const config = loadConfig({ ...defaults, ...readModels, ...env });
    const app = new TestApp(config, await startRecourse(config, createLogger('silent'), options.instrumentation), options.instrumentation);
    await assertReadModelBackend(config).catch(async (error: unknown) => {
      await app.stop();
      throw error;
    });
    return app;
  }

  get url(): string {
    if (!this.running) throw new Error('the test app is stopped');
    return this.running.url;
  }

  get baseUrl(): string {
    return this.url.replace(/\/graphql$/, '');
  }

  /** Issues a token the way the CLI does: through another connection to the same event store. */
  async token(role: TokenRole, subject: string = `${role}-${randomUUID().slice(0, 8)}`): Promise<string> {
    const store = openEventStore(this.config);
    try {
      return (await issueToken(store, { role, subject }, { newId: randomUUID, clock: () => new Date() })).token;
    } finally {
      await store.close();
    }
  }

  async gql<Data = Record<string, any>>(
    token: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLAnswer<Data>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  /** Resolves once the read models have caught up with the event store (readiness reports no lag). */
  async waitForProjections(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const ready = (await (await fetch(`${this.baseUrl}/readyz`)).json()) as { lag?: number };
      if (ready.lag === 0) return;
      if (Date.now() > until) throw new Error(`the read models still lag by ${ready.lag} events`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops the server; the data directory stays (for restart tests) unless `removeData`. */
  async stop(removeData = false): Promise<void> {
    if (this.running) await this.running.close();
    this.running = null;
    if (!removeData) return;
    rmSync(this.config.dataDir, { recursive: true, force: true });
    await removeReadModels(this.config.dataDir);
  }

  /** Stops the server if it runs, and starts a new one on the same data directory and settings. */
  async restart(): Promise<void> {
    await this.stop();
    this.running = await startRecourse(this.config, createLogger('silent'), this.instrumentation);
  }

  /** One tick of the deadline processor and the outage compensator, now (they also tick every WORKER_POLL_MS). */
  async runWorkers(): Promise<void> {
    await this.running?.workers?.runOnce();
  }
}

/** The error codes of an answer, in order. */
export function codes(answer: GraphQLAnswer): string[] {
  return (answer.errors ?? []).map((error) => String(error.extensions?.code));
}
