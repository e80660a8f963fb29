import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // generous ceilings: tests wait on conditions, so these only end a test that is truly stuck;
    // browser journeys have their own budget (JOURNEY_TIMEOUT_MS in test/support/browser.ts)
    testTimeout: 120_000,
    hookTimeout: 240_000,
    setupFiles: ['./test/support/wiring.ts'],
    globalSetup: ['./test/support/pglite-template.ts'],
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { LOG_LEVEL: 'silent' },
  },
});
