import { test } from 'vitest';
import { fuzzLedgerLoader } from './helpers/ledger-fuzz.js';

test('100,000 generated malformed ledgers: no crash, no hang, every failure a ChatproofError', () => {
  fuzzLedgerLoader({ mutated: 70_000, json: 20_000, text: 10_000 });
});
