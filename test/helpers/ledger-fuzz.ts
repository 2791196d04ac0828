/** Malformed-ledger fuzzing shared by the fast tier (load.test.ts) and the soak tier (load.soak.test.ts). */
import fc from 'fast-check';
import { expect } from 'vitest';
import { initialLedger, renderLedgerYaml } from '../../src/contract/init.js';
import { parseLedger } from '../../src/contract/load.js';
import { ChatproofError } from '../../src/errors.js';

/** A small valid ledger: mutations of it reach deep into the schema quickly. */
export const small = (() => {
  const ledger = initialLedger();
  ledger.clauses = ledger.clauses.slice(0, 1);
  return renderLedgerYaml(ledger);
})();

/** Parses and accepts only two outcomes: a ledger, or a ChatproofError. Anything else fails the property. */
function parsesOrExplains(text: string): void {
  try {
    parseLedger(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof ChatproofError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
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
export function fuzzLedgerLoader(counts: { mutated: number; json: number; text: number }): void {
  // Three families: mutated valid ledgers, arbitrary JSON documents, and arbitrary text.
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      parsesOrExplains(mutations.reduce((text, mutate) => mutate(text), small));
    }),
    { numRuns: counts.mutated },
  );
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => parsesOrExplains(JSON.stringify(value))),
    { numRuns: counts.json },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => parsesOrExplains(text)),
    { numRuns: counts.text },
  );
}
