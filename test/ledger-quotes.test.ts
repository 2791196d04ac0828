import { describe, expect, test } from 'vitest';
import { quoteContradictions } from '../src/checks/ledger/quotes.js';
import type { ClauseId } from '../src/contract/index.js';
import { hintFor } from '../src/verdict/hints.js';
import { testContract, testLedger, withClause } from './builders.js';

const quoting = (id: ClauseId, quote: string, value?: unknown) =>
  testContract(
    withClause(testLedger(), id, (clause) => ({
      ...clause,
      ...(value !== undefined ? { value: value as typeof clause.value } : {}),
      source: { ...clause.source, quote },
    })),
  );

describe('a value that contradicts its own quoted passage', () => {
  test('a base URL unlike the one quoted is a finding naming both', () => {
    const [finding, ...rest] = quoteContradictions(
      quoting('endpoint.base-url', 'The base URL is `https://api.other.test/v1`.'),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      class: 'documented-not-handled',
      check: 'ledger',
      clause: 'endpoint.base-url',
      code: 'value-contradicts-quote',
    });
    expect(finding?.message).toContain('https://api.other.test/v1');
  });

  test('the quoted base URL, or a longer URL under it, agrees', () => {
    expect(
      quoteContradictions(quoting('endpoint.base-url', 'server `https://api.example.test/v1/`')),
    ).toEqual([]);
    expect(
      quoteContradictions(quoting('endpoint.base-url', 'POST https://api.example.test/v1/chat/completions')),
    ).toEqual([]);
  });

  test('a path, a header name and a status the quote names differently are findings', () => {
    expect(quoteContradictions(quoting('endpoint.chat-path', 'chat is `POST /v1/completions`'))).toHaveLength(
      1,
    );
    expect(quoteContradictions(quoting('endpoint.chat-path', 'chat is `POST /v1/chat/completions`'))).toEqual(
      [],
    );
    expect(
      quoteContradictions(quoting('auth.header', 'send the key in the `X-Api-Key` header')),
    ).toHaveLength(1);
    expect(quoteContradictions(quoting('auth.header', 'auth `Authorization: Bearer $KEY`'))).toEqual([]);
    expect(quoteContradictions(quoting('errors.bad-auth', '403 | key missing or invalid'))).toHaveLength(1);
    expect(quoteContradictions(quoting('errors.bad-auth', '401 | key missing or invalid'))).toEqual([]);
  });

  test('a quote that names nothing of the kind says nothing against the value', () => {
    expect(quoteContradictions(quoting('endpoint.base-url', 'Use the regional endpoint.'))).toEqual([]);
    expect(quoteContradictions(quoting('errors.bad-auth', 'a bad key is rejected'))).toEqual([]);
  });
});

describe('the route past a value that contradicts its quote', () => {
  test('says to make the value agree with the quote, not to name an implementation', () => {
    const contract = quoting('endpoint.base-url', 'The base URL is `https://api.other.test/v1`.');
    const findings = quoteContradictions(contract);
    const hint = hintFor(
      'area-validated-results',
      { kind: 'finding', ref: 'ledger:value-contradicts-quote', clause: 'endpoint.base-url', message: '' },
      contract,
      findings,
    );
    expect(hint).toMatch(/make `endpoint\.base-url`'s value agree with its quoted passage/);
    expect(hint).toMatch(/waive `ledger:value-contradicts-quote`/);
    expect(hint).not.toMatch(/implementation/);
  });
});
