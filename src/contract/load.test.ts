import { describe, expect, test } from 'vitest';
import { CATALOGUE, type ClauseId } from './catalogue.js';
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

describe('clause value type errors', () => {
  const withValue = (id: ClauseId, value: unknown): string => {
    const ledger = initialLedger();
    const clause = ledger.clauses.find((entry) => entry.id === id);
    if (!clause) throw new Error(`no ${id}`);
    clause.value = value as typeof clause.value;
    return renderLedgerYaml(ledger);
  };
  const problemOf = (text: string): string => {
    try {
      parseLedger(text, 'typed.yaml');
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the ledger parsed');
  };

  test('a status written as a string names the types the field takes, at its line', () => {
    const message = problemOf(withValue('errors.bad-auth', { status: '401', retryable: false }));
    expect(message).toMatch(/typed\.yaml:\d+:\d+: .*value of `errors\.bad-auth` at `status`/);
    expect(message).toMatch(/expected number or array, got string/);
    expect(message).not.toMatch(/Invalid input/);
  });

  test('a wrong type outside a union names the expected type', () => {
    const message = problemOf(withValue('errors.bad-auth', { status: 401, retryable: 'no' }));
    expect(message).toMatch(/at `retryable`: expected boolean, got string/);
  });
});
