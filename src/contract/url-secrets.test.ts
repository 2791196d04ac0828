import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../errors.js';
import { CLAUSE } from './catalogue.js';
import { initialLedger, renderLedgerYaml } from './init.js';
import { parseLedger } from './load.js';
import { clausesFromOpenApi } from './openapi/index.js';

const SECRET = 'Wq4queryCanary7Hd2';

function ledgerWithBaseUrl(url: string): string {
  const ledger = initialLedger();
  const clause = ledger.clauses.find((c) => c.id === CLAUSE.baseUrl);
  if (!clause) throw new Error('no base-url clause');
  clause.value = url;
  return renderLedgerYaml(ledger);
}

describe('credentials in URLs never sit in a ledger', () => {
  test('validate rejects a literal key in a query string, naming the line and not the value', () => {
    for (const url of [
      `https://gw.example/v1?api_key=${SECRET}`,
      `https://gw.example/v1?region=eu&key=${SECRET}`,
    ]) {
      let error: unknown;
      try {
        parseLedger(ledgerWithBaseUrl(url), 'l.yaml');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ChatproofError);
      expect((error as ChatproofError).code).toBe('E_INLINE_SECRET');
      expect((error as ChatproofError).message).not.toContain(SECRET);
    }
  });

  test('a placeholder or a variable in the query is not a secret', () => {
    expect(() =>
      parseLedger(ledgerWithBaseUrl('https://gw.example/v1?api_key=<GATEWAY_KEY>'), 'l.yaml'),
    ).not.toThrow();
    expect(() => parseLedger(ledgerWithBaseUrl('https://gw.example/v1?region=eu'), 'l.yaml')).not.toThrow();
  });

  test('init --from-openapi drops the password and key of servers[].url, and the ledger validates', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Gateway', version: '1' },
      servers: [{ url: `https://ops:${SECRET}@gw.example/v1?api_key=${SECRET}&region=eu` }],
      paths: { '/v1/chat/completions': { post: { responses: { '200': { description: 'ok' } } } } },
    };
    const { clauses } = clausesFromOpenApi(document, 'gw.json', '2026-12-01');
    const base = clauses.find((c) => c.id === CLAUSE.baseUrl);
    expect(base?.value).toBe('https://gw.example/v1?region=eu');
    expect(JSON.stringify(clauses)).not.toContain(SECRET);
  });
});
