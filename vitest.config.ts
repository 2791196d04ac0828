import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (several seconds each: real SDK retry back-offs, stalls waited out). Vitest orders
 * files by their last recorded duration, but a fresh clone has none, and a long file that starts last keeps one
 * core busy after the other is done; these start first.
 */
const SLOWEST_FIRST = [
  'test/audit-openai.test.ts',
  'test/probe-stall.test.ts',
  'test/simulator-sdk.test.ts',
  'test/simulator-reliability.test.ts',
  'test/proxy-reliability.test.ts',
  'test/traffic-ranges.test.ts',
  'test/demo.test.ts',
  'test/traffic.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOWEST_FIRST.findIndex((name) => spec.moduleId.endsWith(name));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    // Projects stay in vitest's order; within one, the listed files lead and the rest keep vitest's order.
    const projects = [...new Set(sorted.map((spec) => spec.project.name))];
    const project = (spec: TestSpecification) => projects.indexOf(spec.project.name);
    return sorted.sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
  }
}

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
    globalSetup: ['test/helpers/build-once.ts'],
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
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
