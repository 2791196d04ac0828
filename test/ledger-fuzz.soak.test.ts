import { expect, test } from 'vitest';
import { fuzzLedgerLoader } from './helpers/ledger-fuzz.js';

test('100,000 generated malformed ledgers: no crash, no hang, every failure a ChatproofError with a code', () => {
  const tally = fuzzLedgerLoader({ mutated: 70_000, json: 20_000, text: 10_000 });
  console.info(
    `ledger: ${tally.runs} inputs, ${tally.crashes} crashes, ${tally.hangs} hangs, ${tally.explained} ChatproofErrors`,
  );
  expect(tally).toMatchObject({ runs: 100_000, crashes: 0, hangs: 0 });
}, 1_800_000);
