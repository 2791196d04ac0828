/**
 * Malformed-ledger fuzzing shared by the fast tier (ledger-fuzz.test.ts) and the soak tier
 * (ledger-fuzz.soak.test.ts). Each input ends in a ledger or a `ChatproofError` with a code; any other throw is a
 * crash, and an input taking longer than `HANG_MS` is a hang.
 */
import fc from 'fast-check';
import { initialLedger, renderLedgerYaml } from '../../src/contract/init.js';
import { parseLedger } from '../../src/contract/load.js';
import { ChatproofError } from '../../src/errors.js';
import { type FuzzTally, HANG_MS } from './hostile-fuzz.js';

/** A small valid ledger: mutations of it reach deep into the schema quickly. */
export const small = (() => {
  const ledger = initialLedger();
  ledger.clauses = ledger.clauses.slice(0, 1);
  return renderLedgerYaml(ledger);
})();

/** Parses and accepts only two outcomes: a ledger, or a ChatproofError with a code and a message. */
function parsesOrExplains(tally: FuzzTally, text: string): void {
  const started = performance.now();
  tally.runs++;
  try {
    parseLedger(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof ChatproofError) || !error.code || error.message.length === 0) {
      tally.crashes++;
      throw error;
    }
    tally.explained++;
  }
  const ms = performance.now() - started;
  if (ms > HANG_MS) {
    tally.hangs++;
    throw new Error(`a ledger took ${Math.round(ms)} ms`);
  }
}

const mutation = fc.oneof(
  // Cut the text somewhere.
  fc.nat().map((n) => (text: string) => text.slice(0, n % (text.length + 1))),
  // Insert YAML-significant characters.
  fc
    .tuple(
      fc.nat(),
      fc.string({ unit: fc.constantFrom(...':-[]{}&*!|>\'"#%@`, \n\t?'), minLength: 1, maxLength: 6 }),
    )
    .map(([n, insert]) => (text: string) => {
      const at = n % (text.length + 1);
      return text.slice(0, at) + insert + text.slice(at);
    }),
  // Delete a span.
  fc.tuple(fc.nat(), fc.nat(40)).map(([n, len]) => (text: string) => {
    const at = n % (text.length + 1);
    return text.slice(0, at) + text.slice(at + len);
  }),
  // Swap two lines.
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (text: string) => {
    const lines = text.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    return lines.join('\n');
  }),
  // Replace a value with random YAML-ish text.
  fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(([n, value]) => (text: string) => {
    const lines = text.split('\n');
    const i = n % lines.length;
    lines[i] = (lines[i] ?? '').replace(/:\s.*$/, `: ${value}`);
    return lines.join('\n');
  }),
);

/** Runs the three families of malformed ledgers, `counts` inputs each. */
export function fuzzLedgerLoader(counts: { mutated: number; json: number; text: number }): FuzzTally {
  const tally: FuzzTally = { runs: 0, crashes: 0, hangs: 0, explained: 0 };
  // Three families: mutated valid ledgers, arbitrary JSON documents, and arbitrary text.
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      parsesOrExplains(
        tally,
        mutations.reduce((text, mutate) => mutate(text), small),
      );
    }),
    { numRuns: counts.mutated },
  );
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => parsesOrExplains(tally, JSON.stringify(value))),
    { numRuns: counts.json },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => parsesOrExplains(tally, text)),
    { numRuns: counts.text },
  );
  return tally;
}
