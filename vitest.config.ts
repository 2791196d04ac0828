import { defineConfig } from 'vitest/config';

/**
 * The fast tier (`npm test`): unit and integration tests, under 90 s on two cores. Long fuzz runs and soaks are
 * named `*.soak.test.ts` and run in the soak tier (`npm run test:soak`, vitest.soak.config.ts).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.soak.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
