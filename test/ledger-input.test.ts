import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initialLedger, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';

const run = (args: string[], cwd: string) => runCli(args, { cwd });

const valid = renderLedgerYaml(initialLedger());

describe('bad ledger input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-ledger-'));
    mkdirSync(join(dir, 'a-directory'));
  });
  afterAll(() => {
    // Validation writes nothing: the folder holds exactly the inputs the tests put there.
    expect(readdirSync(dir).every((name) => name.endsWith('.yaml') || name === 'a-directory')).toBe(true);
  });

  const cases: { name: string; content?: string | Buffer; file?: string; message: RegExp; at: RegExp }[] = [
    { name: 'malformed YAML', content: 'version: 1\nreview: [\n  a: b\n', message: /YAML/, at: /:\d+:\d+/ },
    {
      name: 'a wrong type',
      content: valid.replace('version: 1', 'version: "one"'),
      message: /version/,
      at: /:\d+:10:/,
    },
    {
      name: 'an unknown key, with the nearest valid key suggested',
      content: valid.replace('  environment:', '  enviroment:'),
      message: /unknown key `enviroment`; did you mean `environment`\?/,
      at: /:\d+:3:/,
    },
    {
      name: 'a duplicate clause id',
      content: valid.replace('id: endpoint.chat-path', 'id: endpoint.base-url'),
      message: /duplicate clause id `endpoint.base-url`/,
      at: /:\d+:\d+:/,
    },
    {
      name: 'an unknown area',
      content: valid.replace('area: auth', 'area: auht'),
      message: /`auht` is not allowed; did you mean `auth`\? expected one of endpoint, auth,/,
      at: /:\d+:\d+:/,
    },
    {
      name: 'a YAML alias bomb',
      content: `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`,
      message: /alias/i,
      at: /:1:1:/,
    },
    {
      name: 'a file over 5 MiB',
      content: `# ${'x'.repeat(5 * 1024 * 1024)}\n`,
      message: /limit/,
      at: /:1:1:/,
    },
    { name: 'an empty file', content: '', message: /empty/, at: /:1:1:/ },
    {
      name: 'a clause source without an access date',
      content: valid.replace('      ref: chat-api-docs\n', '      url: https://docs.example/chat\n'),
      message: /source has no access date/,
      at: /:\d+:\d+: clauses\[0\]\.source:/,
    },
    {
      name: 'a named source without an access date',
      content: valid.replace('    accessed: <ACCESS_DATE>\n', ''),
      message: /source `chat-api-docs` has no access date/,
      at: /:\d+:\d+: sources\.chat-api-docs:/,
    },
    {
      name: 'an impossible date',
      content: valid.replace('docsReviewedOn: <DATE_OF_DOCUMENTATION_REVIEW>', 'docsReviewedOn: 2026-13-45'),
      message: /not a calendar date/,
      at: /:\d+:\d+: review\.docsReviewedOn:/,
    },
    {
      name: 'a list used as a mapping key',
      content: 'version: 1\n? [a, b]\n: c\n',
      message: /mapping key/,
      at: /:2:3:/,
    },
    { name: 'a byte-order mark', content: `\uFEFF${valid}`, message: /byte-order mark/, at: /:1:1:/ },
    {
      name: 'non-UTF-8 bytes',
      content: Buffer.concat([
        Buffer.from('version: 1\nreview:\n  id: caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
      message: /invalid UTF-8/,
      at: /:3:\d+:/,
    },
    { name: 'a directory instead of a file', file: 'a-directory', message: /is a directory/, at: /:1:1:/ },
    { name: 'a missing file', file: 'missing.yaml', message: /no such ledger file/, at: /:1:1:/ },
    {
      name: 'a contracted number without a source',
      content: valid.replace(
        /value:\n {6}- <TEMPERATURE_MIN_FROM_DOCS>\n {6}- <TEMPERATURE_MAX_FROM_DOCS>/,
        'value: [0, 2]',
      ),
      message: /contracted number needs a cited source/,
      at: /:\d+:\d+:/,
    },
  ];

  for (const { name, content, file, message, at } of cases) {
    test(`${name}: one clear message with its location, exit 64`, async () => {
      const target = file ?? `${name.replace(/\W+/g, '-')}.yaml`;
      if (content !== undefined) writeFileSync(join(dir, target), content);
      const result = await run(['validate', target], dir);
      expect(result.code).toBe(64);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(new RegExp(`${target.replace(/[.]/g, '\\.')}${at.source}`));
      expect(result.stdout).toBe('');
    });
  }

  test('an inline secret is rejected with its line, never echoing the value', async () => {
    const secret = 'sk-live-AbCdEfGhIjKlMnOpQrStUvWxYz0123';
    writeFileSync(join(dir, 'secret.yaml'), valid.replace('value: <SECRET_REFERENCE>', `value: ${secret}`));
    const result = await run(['validate', 'secret.yaml', '--json'], dir);
    expect(result.code).toBe(64);
    expect(result.stdout).toContain('E_INLINE_SECRET');
    expect(result.stdout + result.stderr).not.toContain(secret.slice(8, 20));
    expect(JSON.parse(result.stdout).problems[0].line).toBeGreaterThan(1);
  });

  test('a ledger from init validates with every clause pending, exit 0', async () => {
    const init = await run(['init', '--out', 'fresh.yaml'], dir);
    expect(init.code).toBe(0);
    const result = await run(['validate', 'fresh.yaml', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const pending = report.pending.reduce(
      (sum: number, area: { pending: string[] }) => sum + area.pending.length,
      0,
    );
    expect(pending).toBe(report.clauses);
    expect(report.pending.map((area: { area: string }) => area.area)).toEqual([
      'endpoint',
      'auth',
      'request',
      'response',
      'errors',
      'limits-billing',
      'support',
    ]);
  });

  test('init refuses to overwrite without --force and leaves the file as it was', async () => {
    writeFileSync(join(dir, 'kept.yaml'), 'mine\n');
    const result = await run(['init', '--out', 'kept.yaml'], dir);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/already exists/);
  });

  test('init --from-openapi with a broken document writes nothing', async () => {
    writeFileSync(join(dir, 'broken-openapi.yaml'), 'openapi: 3.1.0\npaths: {}\n');
    const result = await run(['init', '--out', 'never.yaml', '--from-openapi', 'broken-openapi.yaml'], dir);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/broken-openapi\.yaml:1:1: .*chat\/completions/);
    expect(readdirSync(dir)).not.toContain('never.yaml');
  });
});
