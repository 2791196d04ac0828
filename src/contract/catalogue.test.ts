import { expect, expectTypeOf, test } from 'vitest';
import { CATALOGUE, CLAUSE, CLAUSES, type ClauseId, type ClauseRef, clauseRef } from './catalogue.js';
import { type ClauseValue, VALUE_SCHEMAS } from './values.js';

test('the clause table names each id and each key once, and everything is derived from it', () => {
  const ids = CLAUSES.map((clause) => clause.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(CLAUSES.map((clause) => clause.key)).size).toBe(ids.length);
  expect(Object.values(CLAUSE).sort()).toEqual([...ids].sort());
  expect(CATALOGUE.map((entry) => entry.id)).toEqual(ids);
  expect(Object.keys(VALUE_SCHEMAS)).toEqual(ids);
  // The catalogue carries no schema and no key: it is what `init` writes.
  for (const entry of CATALOGUE) expect(Object.keys(entry)).not.toContain('value');
});

test('a value is typed by its id', () => {
  expectTypeOf<ClauseValue<typeof CLAUSE.timeoutMs>>().toEqualTypeOf<number>();
  expectTypeOf<ClauseValue<'endpoint.base-url'>>().toEqualTypeOf<string>();
  expectTypeOf<ClauseValue<'response.stream-usage'>>().toEqualTypeOf<boolean>();
  expectTypeOf(CLAUSE.baseUrl).toEqualTypeOf<'endpoint.base-url'>();
  // @ts-expect-error an id the table does not define is not a ClauseId
  const unknown: ClauseId = 'endpoint.base-uri';
  expect(unknown).toBeDefined();
});

test('a finding names its clause by a catalogue id or a ledger id passed through clauseRef, never a plain string', () => {
  const catalogue: ClauseRef = 'endpoint.base-url';
  // @ts-expect-error a misspelled catalogue id does not compile where a finding names its clause
  const typo: ClauseRef = 'endpoint.base-uri';
  const fromLedger: string = 'errors.rate-limit-eu';
  // @ts-expect-error a string read from data must pass through clauseRef
  const unchecked: ClauseRef = fromLedger;
  expect([catalogue, typo, unchecked, clauseRef(fromLedger)]).toEqual([
    'endpoint.base-url',
    'endpoint.base-uri',
    'errors.rate-limit-eu',
    'errors.rate-limit-eu',
  ]);
});
