import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkSources, containsQuote } from '../src/checks/sources/index.js';
import { CLAUSE, initialLedger, LedgerSchema, renderLedgerYaml } from '../src/contract/index.js';
import { review } from '../src/review/index.js';
import { testContract } from './builders.js';
import { runCli } from './helpers/cli.js';

const pages: Record<string, { status: number; type: string; body: string }> = {
  '/chat': {
    status: 200,
    type: 'text/html; charset=utf-8',
    body: '<html><head><script>var x = "POST /v1/chat/completions";</script></head><body><h1>Chat</h1><p>Send <code>POST</code>&nbsp;<code>/v1/chat/completions</code> with &ldquo;Authorization: Bearer&rdquo;.</p></body></html>',
  },
  '/errors.md': {
    status: 200,
    type: 'text/markdown',
    body: '## Errors\n\n**401**: the key is *missing* or invalid.\n',
  },
  '/moved': { status: 404, type: 'text/html', body: '<h1>Not found</h1>' },
};

describe('sources check against documentation served on loopback', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const page = pages[req.url ?? ''] ?? { status: 404, type: 'text/plain', body: 'no' };
      res.writeHead(page.status, { 'content-type': page.type }).end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function ledgerWith(sources: Record<string, { url: string; quote: string }>) {
    const ledger = LedgerSchema.parse(initialLedger());
    for (const clause of ledger.clauses) {
      const source = sources[clause.id];
      if (source) {
        clause.source = { ...source, title: 'docs', accessed: '2026-11-20' };
        clause.implementation = [{ kind: 'code', location: 'src/client.ts:10' }];
      }
    }
    return ledger;
  }

  test('a quote still on the page is found through markup, entities and typographic quotes', async () => {
    const contract = testContract(
      ledgerWith({
        [CLAUSE.chatPath]: {
          url: `${base}/chat`,
          quote: 'POST /v1/chat/completions with "Authorization: Bearer"',
        },
        [CLAUSE.badAuth]: { url: `${base}/errors.md`, quote: '401: the key is missing or invalid' },
      }),
    );
    const result = await checkSources(contract, { now: () => new Date('2026-11-26T00:00:00.000Z') });
    const judged = result.findings.filter((finding) => finding.code !== 'source-incomplete');
    expect(judged.map((finding) => [finding.clause, finding.code, finding.class])).toEqual([
      [CLAUSE.chatPath, 'quote-found', 'documented-handled'],
      [CLAUSE.badAuth, 'quote-found', 'documented-handled'],
    ]);
    expect(result.sources.map((source) => source.contentHash)).toEqual([
      expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    ]);
  });

  test('a quote gone from the page, or a page gone, is documentation drift (unexpected)', async () => {
    const contract = testContract(
      ledgerWith({
        [CLAUSE.chatPath]: { url: `${base}/chat`, quote: 'POST /v2/chat' },
        [CLAUSE.badAuth]: { url: `${base}/moved`, quote: '401' },
      }),
    );
    const result = await checkSources(contract, { now: () => new Date('2026-11-26T00:00:00.000Z') });
    const byClause = new Map(result.findings.map((finding) => [finding.clause, finding]));
    expect(byClause.get(CLAUSE.chatPath)).toMatchObject({ class: 'unexpected', code: 'quote-missing' });
    expect(byClause.get(CLAUSE.badAuth)).toMatchObject({ class: 'unexpected', code: 'source-gone' });
  });

  test('a quote hidden in a script is not documentation', async () => {
    const contract = testContract(
      ledgerWith({ [CLAUSE.chatPath]: { url: `${base}/chat`, quote: 'var x =' } }),
    );
    const result = await checkSources(contract, { now: () => new Date('2026-11-26T00:00:00.000Z') });
    expect(result.findings.find((f) => f.clause === CLAUSE.chatPath)?.code).toBe('quote-missing');
  });

  test('an unreachable source is not-run with the reason, and each URL is fetched once', async () => {
    requests.length = 0;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const contract = testContract(
      ledgerWith({
        [CLAUSE.chatPath]: { url: `${base}/chat`, quote: '/v1/chat/completions' },
        [CLAUSE.baseUrl]: { url: `${base}/chat`, quote: 'Chat' },
        [CLAUSE.badAuth]: { url: `http://127.0.0.1:${deadPort}/docs`, quote: '401' },
      }),
    );
    const result = await checkSources(contract, { now: () => new Date('2026-11-26T00:00:00.000Z') });
    expect(requests).toEqual(['/chat']);
    const dead = result.findings.find((finding) => finding.clause === CLAUSE.badAuth);
    expect(dead).toMatchObject({ class: 'not-run', code: 'source-unreachable' });
    expect(dead?.class === 'not-run' && dead.reason).toMatch(/could not be fetched/);
  });

  test('a review with source checks on escalates on documentation drift; off, it fetches nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatproof-sources-review-'));
    const ledger = ledgerWith({ [CLAUSE.chatPath]: { url: `${base}/chat`, quote: 'POST /v2/chat' } });
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
    const runners = { probe: async () => [], negative: async () => [] };
    requests.length = 0;
    const off = await review({ ledger: 'chatproof.yaml', cwd: dir, out: 'off', runners });
    expect(requests).toEqual([]);
    expect(off.packet.findings.some((finding) => finding.check === 'sources')).toBe(false);
    const on = await review({ ledger: 'chatproof.yaml', cwd: dir, out: 'on', runners, checkSources: true });
    expect(requests).toEqual(['/chat']);
    expect(on.packet.findings).toContainEqual(
      expect.objectContaining({ check: 'sources', code: 'quote-missing' }),
    );
    expect(on.verdict).toBe('escalate');
  });

  test('`chatproof sources check --json` prints the findings document and exits 2 on drift', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatproof-sources-'));
    const ledger = ledgerWith({ [CLAUSE.chatPath]: { url: `${base}/chat`, quote: 'POST /v2/chat' } });
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
    const result = await runCli(['sources', 'check', '--json'], { cwd: dir });
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ schemaVersion: 1, command: 'sources check' });
    expect(document.summary.unexpected).toBe(1);
  });
});

describe('quote matching', () => {
  test('any passage of a page is found in it, whatever the whitespace around it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 3, maxLength: 30 }),
        fc.nat(),
        fc.nat(5),
        (words, start, length) => {
          const from = start % words.length;
          const quote = words.slice(from, from + length + 1).join(' ');
          const page = `<p>${words.join('\n  ')}</p>`;
          expect(containsQuote(page, quote, 'text/html')).toBe(true);
        },
      ),
    );
  });

  test('an empty quote never matches', () => {
    expect(containsQuote('anything', '   ')).toBe(false);
  });
});

describe('sources imported from an OpenAPI document', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 'Gateway', version: '1' },
    paths: {
      '/chat/completions': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Req' } } } },
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Req: {
          type: 'object',
          required: ['model', 'messages'],
          properties: {
            model: { type: 'string' },
            messages: { type: 'array', items: { type: 'object' } },
            temperature: { type: 'number', minimum: 0, maximum: 2 },
          },
        },
        Res: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
  };

  async function check(served: unknown) {
    const dir = mkdtempSync(join(tmpdir(), 'chatproof-openapi-sources-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    expect(
      (await runCli(['init', '--out', 'chatproof.yaml', '--from-openapi', 'openapi.json'], { cwd: dir }))
        .code,
    ).toBe(0);
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(served));
    const result = await runCli(['sources', 'check', '--json'], { cwd: dir });
    const findings = JSON.parse(result.stdout).findings as { clause: string; code: string; class: string }[];
    return { code: result.code, byClause: new Map(findings.map((finding) => [finding.clause, finding])) };
  }

  test('an unchanged document is no drift, though the quotes are summaries, not literal passages', async () => {
    const { byClause } = await check(document);
    const imported = [...byClause.values()].filter((finding) => finding.code !== 'source-incomplete');
    expect(imported.length).toBeGreaterThan(5);
    expect(imported.every((finding) => finding.code === 'pointer-unchanged')).toBe(true);
  });

  test('a changed schema node and a removed one are drift; untouched nodes are not', async () => {
    const changed = structuredClone(document);
    changed.components.schemas.Req.properties.temperature.maximum = 1;
    delete (changed.components.schemas as Record<string, unknown>).Res;
    const { code, byClause } = await check(changed);
    expect(code).toBe(2);
    expect(byClause.get(CLAUSE.temperatureRange)).toMatchObject({
      code: 'pointer-changed',
      class: 'unexpected',
    });
    expect(byClause.get(CLAUSE.responseFields)).toMatchObject({ code: 'pointer-gone', class: 'unexpected' });
    expect(byClause.get(CLAUSE.modelField)?.code).toBe('pointer-unchanged');
  });
});
