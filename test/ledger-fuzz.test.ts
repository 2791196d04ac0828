import { test } from 'vitest';
import { fuzzLedgerLoader } from './helpers/ledger-fuzz.js';

// The fast share of the 100,000-input run in ledger-fuzz.soak.test.ts: the same three families of input.
test('2,000 generated malformed ledgers: no crash, no hang, every failure a ChatproofError', () => {
  fuzzLedgerLoader({ mutated: 1_400, json: 400, text: 200 });
});
