import { describe, expect, test } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { initialLedger, renderLedgerYaml } from './init.js';
import { parseLedger } from './load.js';
import { nearestKey } from './nearest.js';

/** A small valid ledger: one clause. */
const small = (() => {
  const ledger = initialLedger();
  ledger.clauses = ledger.clauses.slice(0, 1);
  return renderLedgerYaml(ledger);
})();

describe('ledger loader', () => {
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
