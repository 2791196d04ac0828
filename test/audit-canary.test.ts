/**
 * The secrets canary for `audit-client`: a hostile upstream echoes the key it is sent (headers, JSON `\u`
 * escapes, HTML entities, SSE fields), and a hostile client sends it in a custom header, the query and the body
 * and prints it in every encoding on stdout and stderr. The canary is shaped like no known key, so pattern rules
 * cannot hide a miss: only exact-value redaction keeps it out of the attempt logs, audit.json, stdout and stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { findSecret, looksLikeSecret, scanArtifacts } from '../src/redact/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';

const KEY = 'Hn4auditCanaryRunKey7Wq2Zp';
const unicode = (text: string) =>
  Array.from(text, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

let dir: string | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** An upstream that answers every chat request with the key it was sent, escaped and encoded. */
async function echoingUpstream(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  server = createServer((req, res) => {
    requests++;
    req.resume();
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const b64 = Buffer.from(key).toString('base64');
    const html = Array.from(key, (c) => `&#${c.charCodeAt(0)};`).join('');
    res.setHeader('x-echo-key', key);
    res.setHeader('x-echo-b64', b64);
    if (String(req.headers.accept).includes('event-stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        `id: ${key}\nevent: ${b64}\n: ${key}\n` +
          `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-nano","choices":[{"index":0,"delta":{"content":"${unicode(key)}"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`,
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      `{"id":"chatcmpl-${b64}","object":"chat.completion","created":1,"model":"gpt-4.1-nano","choices":[{"index":0,"message":{"role":"assistant","content":"${unicode(key)} ${html}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}`,
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests: () => requests,
  };
}

/** A client that leaks the key every way it can, then exits 0. */
const CLIENT = `
const key = process.env.AUDIT_CANARY_KEY;
const base = process.env.CHATPROOF_BASE_URL;
const forms = [
  key,
  Buffer.from(key).toString('base64'),
  Buffer.from(key).toString('base64url'),
  Buffer.from(key).toString('hex'),
  encodeURIComponent('k=' + key + '&'),
  JSON.stringify(key).replace(/[a-z]/gi, (c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')),
];
console.log('client key forms: ' + forms.join(' '));
console.error('client error: Incorrect API key provided: ' + forms.join(' | '));
const response = await fetch(base + '/chat/completions?trace=' + key, {
  method: 'POST',
  headers: {
    authorization: 'Bearer ' + key,
    'x-custom-auth': key,
    'x-custom-b64': Buffer.from(key).toString('base64'),
    'content-type': 'application/json',
  },
  body: JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'key ' + key }], user: key }),
}).catch((error) => ({ text: async () => String(error) }));
const text = await response.text();
console.log('answer: ' + text.slice(0, 400));
`;

/** Every file under `root`, read as text. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'));
}

test('the audit canary matches no pattern rule', () => {
  expect(looksLikeSecret(KEY)).toBe(false);
});

test('audit-client: the key reaches no attempt log, audit.json, stdout or stderr, in any encoding', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-audit-canary-'));
  const upstream = await echoingUpstream();
  const ledger = profileLedger('cometapi', { baseUrl: upstream.url, keyRef: 'env:AUDIT_CANARY_KEY' });
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
  writeFileSync(join(dir, 'client.mjs'), CLIENT);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', AUDIT_CANARY_KEY: KEY };
  const runs = [
    await runCli(
      [
        'audit-client',
        '--upstream',
        upstream.url,
        '--json',
        '--out',
        'json',
        '--scenario',
        'baseline',
        'bad-auth',
        'rate-limit',
        'cut-stream',
        '--',
        'node',
        'client.mjs',
      ],
      { cwd: dir, env },
    ),
    await runCli(
      [
        'audit-client',
        '--upstream',
        upstream.url,
        '--out',
        'table',
        '--scenario',
        'baseline',
        'upstream-failure-once',
        '--',
        'node',
        'client.mjs',
      ],
      { cwd: dir, env },
    ),
  ];
  // The key really went out and came back: the upstream saw the client's requests.
  expect(upstream.requests()).toBeGreaterThan(1);
  for (const run of runs) {
    expect(run.stderr).not.toMatch(/internal error/);
    for (const text of [run.stdout, run.stderr]) {
      expect(findSecret(text, [KEY])).toBeUndefined();
      expect(text).not.toContain(unicode(KEY).slice(0, 36));
    }
  }
  expect(await scanArtifacts(dir, [KEY])).toEqual(
    // The client and the ledger are the test's own inputs, not outputs.
    [],
  );
  for (const text of [...filesUnder(join(dir, 'json')), ...filesUnder(join(dir, 'table'))]) {
    expect(findSecret(text, [KEY])).toBeUndefined();
    expect(text).not.toContain(unicode(KEY).slice(0, 36));
  }
  // What was recorded is there, redacted: the attempt logs hold the client's requests.
  expect(readdirSync(join(dir, 'json', 'attempts')).length).toBeGreaterThan(0);
}, 120_000);

/**
 * A client that never sends the key under an auth-like header (so the proxy cannot learn it from the wire): only
 * the ledger's key reference tells chatproof the secret, and that alone must keep it out of every output.
 */
test('audit-client: a key the client only prints and puts in the body is known from the key reference', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-audit-canary-'));
  const upstream = await echoingUpstream();
  const ledger = profileLedger('cometapi', { baseUrl: upstream.url, keyRef: 'env:AUDIT_CANARY_KEY' });
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
  writeFileSync(
    join(dir, 'client.mjs'),
    CLIENT.replace("authorization: 'Bearer ' + key,", '')
      .replace("'x-custom-auth': key,", "'x-trace': key,")
      .replace("'x-custom-b64': Buffer.from(key).toString('base64'),", ''),
  );
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', AUDIT_CANARY_KEY: KEY };
  const run = await runCli(
    [
      'audit-client',
      '--upstream',
      upstream.url,
      '--json',
      '--out',
      'out',
      '--scenario',
      'baseline',
      'bad-auth',
      '--',
      'node',
      'client.mjs',
    ],
    { cwd: dir, env },
  );
  expect(run.stderr).not.toMatch(/internal error/);
  expect(upstream.requests()).toBeGreaterThan(0);
  for (const text of [run.stdout, run.stderr, ...filesUnder(join(dir, 'out'))]) {
    expect(findSecret(text, [KEY])).toBeUndefined();
    expect(text).not.toContain(unicode(KEY).slice(0, 36));
  }
  expect(JSON.parse(run.stdout).audit.scenarios[0].stderrLine).toContain('[REDACTED]');
}, 120_000);
