/** Jest runs TypeScript through SWC (fast, no type-check: `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['**/?(*.)test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.tools/', '/.data/'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  // Server-backed tests start their own Temporal; on 2 cores, one file at a time is fastest.
  maxWorkers: 1,
  // Scenario tests drive months of workflow time; each checkpoint costs real seconds.
  testTimeout: 300_000,
  // A native Temporal runtime or pg pool left by a failed test must not keep CI waiting after the summary.
  forceExit: true,
};
