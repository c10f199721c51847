import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';

/**
 * Rows SQLite samples per index when it gathers statistics (`PRAGMA analysis_limit`): about 60 ms
 * for 100,000 claims and 250,000 pieces of evidence instead of 280 ms for an exact `ANALYZE`, and
 * the same plans (BENCHMARKS.md, "Dashboard").
 */
const SQLITE_ANALYSIS_LIMIT = 1_000;

/** How often a long-running process refreshes the statistics; SQLite's `PRAGMA optimize` re-analyzes only tables that changed much. */
export const STATISTICS_INTERVAL_MS = 60 * 60 * 1_000;

/**
 * Gives the query planner statistics (sqlite_stat1 / pg_statistic) about the read models. Without
 * them SQLite guesses every index to be selective and picks the wrong one for some lists. SQLite:
 * an `ANALYZE` when none were ever gathered, then `PRAGMA optimize`, which re-analyzes only tables
 * whose size changed much since (cheap; run it when the read models are opened, after a rebuild,
 * and every {@link STATISTICS_INTERVAL_MS}). PostgreSQL's autovacuum keeps its own statistics up to
 * date: `tables` (after a rebuild swapped them in) are analyzed at once rather than when it comes by.
 */
export async function refreshStatistics(orm: MikroORM, tables: readonly string[] = []): Promise<void> {
  const connection = (orm.em as SqlEntityManager).getConnection();
  if (/sqlite/i.test(orm.em.getDriver().constructor.name)) {
    await connection.execute(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`, [], 'run');
    const [{ analyzed }] = await connection.execute<{ analyzed: number }[]>(
      "select count(*) as analyzed from sqlite_master where name = 'sqlite_stat1'",
    );
    for (const table of tables) await connection.execute(`analyze "${table}"`, [], 'run');
    await connection.execute(analyzed ? 'pragma optimize' : 'analyze', [], 'run');
    return;
  }
  for (const table of tables) await connection.execute(`analyze "${table}"`, [], 'run');
}

/**
 * Refreshes the statistics every {@link STATISTICS_INTERVAL_MS} until stopped (the timer does not
 * keep the process alive). A failure is reported and the next round tries again.
 */
export function keepStatisticsFresh(orm: MikroORM, onError: (error: unknown) => void): { stop(): void } {
  const timer = setInterval(() => {
    refreshStatistics(orm).catch(onError);
  }, STATISTICS_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
