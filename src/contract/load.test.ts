import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../errors.js';
import { CATALOGUE } from './catalogue.js';
import { initialLedger, renderLedgerYaml } from './init.js';
import { nearestKey, parseLedger } from './load.js';

/** A small valid ledger: mutations of it reach deep into the schema quickly. */
const small = (() => {
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

describe('ledger loader under malformed input', () => {
  test('100,000 generated malformed ledgers: no crash, no hang, every failure a ChatproofError', () => {
    // Three families: mutated valid ledgers, arbitrary JSON documents, and arbitrary text.
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        parsesOrExplains(mutations.reduce((text, mutate) => mutate(text), small));
      }),
      { numRuns: 70_000 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => parsesOrExplains(JSON.stringify(value))),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => parsesOrExplains(text)),
      { numRuns: 10_000 },
    );
  }, 300_000);

  test('the unmodified small ledger parses', () => {
    expect(parseLedger(small, 'small.yaml').clauses).toHaveLength(1);
  });

  test('a full ledger from init parses with every catalogue clause', () => {
    const ledger = parseLedger(renderLedgerYaml(initialLedger()), 'init.yaml');
    expect(ledger.clauses.map((clause) => clause.id)).toEqual(CATALOGUE.map((entry) => entry.id));
  });
});

describe('nearest key', () => {
  test('suggests a key within a small edit distance, and nothing for a far one', () => {
    expect(nearestKey('sorces', ['sources', 'clauses'])).toBe('sources');
    expect(nearestKey('Statment', ['statement', 'value'])).toBe('statement');
    expect(nearestKey('zzzzzz', ['sources', 'clauses'])).toBeUndefined();
  });
});
