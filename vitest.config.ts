import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests spawn git and the built CLI; two cores on CI machines.
    pool: 'forks',
    // CI must never reach the internet: HTTP goes to nock or loopback servers the tests start.
    env: { NO_COLOR: '1', KEYAUDIT_TEST: '1' },
  },
});
