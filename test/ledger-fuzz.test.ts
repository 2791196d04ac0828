import { expect, test } from 'vitest';
import { fuzzLedgerLoader } from './helpers/ledger-fuzz.js';

// The fast share of the 100,000-input run in ledger-fuzz.soak.test.ts: the same three families of input.
test('2,000 generated malformed ledgers: no crash, no hang, every failure a ChatproofError with a code', () => {
  const tally = fuzzLedgerLoader({ mutated: 1_400, json: 400, text: 200 });
  expect(tally).toMatchObject({ runs: 2_000, crashes: 0, hangs: 0 });
  // The families really reach the loader's refusals, not only valid ledgers.
  expect(tally.explained).toBeGreaterThan(100);
});
