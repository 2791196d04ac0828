import { defineConfig } from 'vitest/config';

/**
 * Files that need a process of their own: they mock a module (`vi.mock` is not reliable once another file in
 * the same worker has loaded it) or bound this process's memory.
 */
const ISOLATED = [
  'src/fsutil/folder.test.ts',
  'test/probe-endless.test.ts',
  'test/proxy-upload-memory.test.ts',
  'test/traffic-memory.test.ts',
];

/**
 * The fast tier (`npm test`): unit and integration tests, under 90 s on two cores. Long fuzz runs and soaks are
 * named `*.soak.test.ts` and run in the soak tier (`npm run test:soak`, vitest.soak.config.ts).
 *
 * Most of a file's cost is starting a worker and importing the code, so the `shared` project reuses each worker
 * and its module cache across files (`isolate: false`), and both cores run files (vitest's default on two cores
 * is one worker). A file that mocks modules or measures process memory goes in ISOLATED.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // test/fixtures holds sample code (the scan corpus has its own *.test.ts files), never our tests.
          exclude: ['**/node_modules/**', 'test/fixtures/**', '**/*.soak.test.ts', ...ISOLATED],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ISOLATED,
          isolate: true,
        },
      },
    ],
  },
});
