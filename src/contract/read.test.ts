import { expect, test } from 'vitest';
import { CLAUSE } from './catalogue.js';
import { read, toContract, values } from './contract.js';
import { initialLedger } from './init.js';
import { type JsonValue, LedgerSchema } from './schema.js';

/** A fresh ledger with some values filled in. */
function contractWith(filled: Partial<Record<string, JsonValue>>) {
  const ledger = initialLedger();
  for (const clause of ledger.clauses) {
    const value = filled[clause.id];
    if (value !== undefined) clause.value = value;
  }
  return toContract(LedgerSchema.parse(ledger));
}

test('a value is read with the type its clause declares', () => {
  const contract = contractWith({
    [CLAUSE.timeoutMs]: 30_000,
    [CLAUSE.baseUrl]: 'https://api.example/v1',
    [CLAUSE.reviewBudget]: { requests: 20, tokens: 2000 },
  });
  const timeout: number | undefined = read(contract, CLAUSE.timeoutMs);
  const base: string | undefined = values.string(contract, CLAUSE.baseUrl);
  const budget = read(contract, CLAUSE.reviewBudget);
  expect(timeout).toBe(30_000);
  expect(base).toBe('https://api.example/v1');
  expect(budget?.requests).toBe(20);
});

test('a pending, missing or mis-shaped value reads as undefined, never as a default', () => {
  const contract = contractWith({ [CLAUSE.timeoutMs]: 'thirty seconds' });
  expect(read(contract, CLAUSE.timeoutMs)).toBeUndefined();
  expect(read(contract, CLAUSE.baseUrl)).toBeUndefined(); // still the placeholder
  expect(
    toContract(LedgerSchema.parse({ ...initialLedger(), clauses: [] })).value(CLAUSE.chatPath),
  ).toBeUndefined();
});

test('reading a clause as another type does not compile', () => {
  const contract = contractWith({});
  // @ts-expect-error the base URL is a string, not a number
  read<number>(contract, CLAUSE.baseUrl);
  // @ts-expect-error a number reader refuses a string clause
  values.number(contract, CLAUSE.baseUrl);
  // @ts-expect-error a string reader refuses a number clause
  values.string(contract, CLAUSE.timeoutMs);
  // @ts-expect-error an id the catalogue does not know
  read(contract, 'endpoint.base-uri');
  expect(true).toBe(true);
});
