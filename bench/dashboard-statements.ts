import 'reflect-metadata';
import { loadConfig } from '../infra/config';
import { createStatementCounter } from '../infra/database/statement-counter';
import { createLogger } from '../infra/logger';
import { startRecourse } from '../infra/main';
import { DASHBOARD_QUERY, DASHBOARD_VIEWS } from './load/dashboard-queries';
import { GraphQLClient } from './load/graphql-client';
import { seededRandom } from './random';

/**
 * SQL statements per dashboard request, counted on the read-model connection of a server run in
 * this process (projections off, so only the request's own statements count), per view and for
 * page sizes 1 and 50 (the count must not grow with the page). Resolves statements by view.
 */
export async function countDashboardStatements(dataDir: string, token: string): Promise<Record<string, number[]>> {
  const counter = createStatementCounter();
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', PROJECTIONS: 'off' });
  const app = await startRecourse(config, createLogger('silent'), { statementCounter: counter });
  const client = new GraphQLClient(app.url, 1);
  const random = seededRandom(7);
  const counts: Record<string, number[]> = {};
  try {
    for (const view of DASHBOARD_VIEWS) {
      const filter = view.filter(random);
      counts[view.name] = [];
      for (const first of [1, 50]) {
        counter.reset();
        await client.post(token, DASHBOARD_QUERY.replace('first: 50', `first: ${first}`), { filter });
        counts[view.name].push(counter.count);
      }
    }
  } finally {
    client.close();
    await app.close();
  }
  return counts;
}
