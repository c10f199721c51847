/**
 * Tests run from TypeScript sources; child processes some tests spawn run the compiled dist/.
 * Two projects, both run by a plain `npx jest` (choose one with `--selectProjects sqlite|postgresql`):
 * - "sqlite": every test, read models in SQLite (the embedded default);
 * - "postgresql": the API and projection tests again, read models in a throwaway PostgreSQL that
 *   the global setup starts (test/support/postgres.ts); each test app or ORM gets its own database.
 */

// The projects choose the read-model database themselves. A developer's exported settings must
// not leak in: DATABASE_URL may name a real database, and some tests drop tables.
delete process.env.READ_MODEL_DB;
delete process.env.DATABASE_URL;

const shared = {
  testEnvironment: 'node',
  // tsconfig.json sets isolatedModules: ts-jest then transpiles file by file (about 3x faster).
  transform: { '^.+\\.ts$': 'ts-jest' },
  cacheDirectory: '<rootDir>/.jest-cache',
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // Read from the top level only (a project's own testTimeout is ignored).
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'sqlite',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      // PostgreSQL's own tests (its migrations) need the server only the other project starts.
      testPathIgnorePatterns: ['/node_modules/', '/test/projections/postgres-[^/]*\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'postgresql',
      roots: ['<rootDir>/test/api', '<rootDir>/test/projections'],
      testMatch: ['**/*.test.ts'],
      // Inherently SQLite: a projector child process killed mid-transaction, read back with better-sqlite3.
      // The audit CLI reads only the event store: running it again on PostgreSQL read models proves nothing.
      testPathIgnorePatterns: [
        '/node_modules/',
        '/test/projections/crash-safety\\.test\\.ts$',
        '/test/api/audit-cli\\.test\\.ts$',
        '/test/api/audit-threads\\.test\\.ts$',
        '/test/api/webhooks/dispatcher-kill\\.test\\.ts$',
      ],
      setupFiles: [...shared.setupFiles, '<rootDir>/test/support/postgres-project.setup.ts'],
      globalSetup: '<rootDir>/test/support/postgres-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
    },
  ],
};
