import { describe, expect, test } from 'vitest';
import { fuzzKeyRef, fuzzOpenApi, fuzzRedactor, fuzzSse, fuzzUrls } from './helpers/hostile-fuzz.js';
import { fuzzJsonBody } from './helpers/json-body-fuzz.js';

const RUNS = 100_000;

/** 100,000 hostile inputs per parser: 0 crashes, 0 hangs, every failure a ChatproofError with a code. */
describe('hostile inputs, soak', () => {
  for (const [name, run] of [
    ['key references', fuzzKeyRef],
    ['URL handling', fuzzUrls],
    ['SSE reader', fuzzSse],
    ['OpenAPI import', fuzzOpenApi],
    // 100,000 generated bodies, each judged with two ledgers.
    ['JSON body judge', fuzzJsonBody],
  ] as const) {
    test(`${name}: ${RUNS.toLocaleString('en')} inputs`, async () => {
      const tally = await run(RUNS);
      console.info(
        `${name}: ${tally.runs} inputs, ${tally.crashes} crashes, ${tally.hangs} hangs, ${tally.explained} ChatproofErrors`,
      );
      expect(tally).toMatchObject({ runs: RUNS, crashes: 0, hangs: 0 });
    }, 1_800_000);
  }

  // Each input builds a redactor (its expressions are compiled per secret), so fewer inputs fit the tier.
  test('redactor: 10,000 planted keys among hostile text', () => {
    const tally = fuzzRedactor(10_000);
    console.info(`redactor: ${tally.runs} inputs, ${tally.crashes} crashes, ${tally.hangs} hangs`);
    expect(tally).toMatchObject({ runs: 10_000, crashes: 0, hangs: 0 });
  }, 1_800_000);
});
