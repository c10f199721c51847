/** Tests run from TypeScript sources; child processes some tests spawn run the compiled dist/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  cacheDirectory: '<rootDir>/.jest-cache',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
