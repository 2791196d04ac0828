import { defineConfig } from 'vitest/config';

/** The soak tier (`npm run test:soak`): 100,000-input fuzz runs and many-stream soaks, minutes rather than seconds. */
export default defineConfig({
  test: {
    include: ['src/**/*.soak.test.ts', 'test/**/*.soak.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/helpers/build-once.ts'],
  },
});
