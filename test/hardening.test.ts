/**
 * Regressions for inputs a hostile or broken provider, client or operator really produces: secrets in SSE
 * fields, JSON escapes, URL queries and custom headers; malformed URLs; unwritable outputs; relative and
 * absolute --out; SIGTERM; a non-loopback simulator. The canary is not shaped like any known key.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { interruptedBy } from '../src/errors.js';
import { startProxy } from '../src/proxy/index.js';
import { findSecret, looksLikeSecret, scanArtifacts } from '../src/redact/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';

const KEY = 'Qv7canaryRunKey0x9Tm4Lp2Wz';
const QUERY_SECRET = 'Ux3queryCanary8Rk5Jn1';
const ENV = { HARDENING_KEY: KEY };
const unicode = (text: string) =>
  Array.from(text, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

let dir: string;
let servers: Server[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-hardening-'));
});
afterEach(async () => {
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  servers = [];
  rmSync(dir, { recursive: true, force: true });
});

/** A provider that echoes the key it is sent in every SSE field, in JSON \u escapes and in HTML entities. */
async function hostileProvider(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const b64 = Buffer.from(key).toString('base64');
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'gpt-4.1-nano' }] }));
      return;
    }
    if (String(req.headers.accept).includes('event-stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        `id: ${key}\nevent: ${b64}\n: comment ${key}\nx-unknown: ${key}\n` +
          `data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${unicode(key)}"}}]}\n\n` +
          `id: ${b64}\ndata: [DONE]\n\n`,
      );
      return;
    }
    const html = Array.from(key, (c) => `&#${c.charCodeAt(0)};`).join('');
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      `{"error":{"message":"Incorrect API key provided: ${unicode(key)} ${html}","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`,
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests: () => requests,
  };
}

function writeLedger(baseUrl: string): void {
  writeFileSync(
    join(dir, 'chatproof.yaml'),
    renderLedgerYaml(profileLedger('cometapi', { baseUrl, keyRef: 'env:HARDENING_KEY' })),
  );
}

function expectClean(texts: string[]): void {
  for (const text of texts) {
    expect(findSecret(text, [KEY, QUERY_SECRET])).toBeUndefined();
    expect(text).not.toContain(unicode(KEY).slice(0, 36));
  }
}

describe('secrets never leave the process', () => {
  test('the canaries match no pattern rule', () => {
    expect(looksLikeSecret(KEY) || looksLikeSecret(QUERY_SECRET)).toBe(false);
  });

  test('SSE id/event/comment fields, JSON \\u escapes and a ?api_key= base URL reach no output (probe, negative)', async () => {
    const hostile = await hostileProvider();
    writeLedger(hostile.url);
    const base = `${hostile.url}?api_key=${QUERY_SECRET}`;
    const runs = [
      await runCli(['probe', '--json', '--out', join(dir, 'abs'), '--base-url', base], {
        cwd: dir,
        env: ENV,
      }),
      await runCli(['negative', '--json', '--out', 'rel', '--base-url', base], { cwd: dir, env: ENV }),
      await runCli(['probe', '--out', 'rel'], { cwd: dir, env: ENV }),
    ];
    expect(hostile.requests()).toBeGreaterThan(3);
    expectClean(runs.flatMap((run) => [run.stdout, run.stderr]));
    expect(await scanArtifacts(dir, [KEY, QUERY_SECRET])).toEqual([]);
    for (const file of ['abs/probe.json', 'rel/negative.json', 'rel/probe.json'])
      expectClean([readFileSync(join(dir, file), 'utf8')]);
    // The chat path goes before the query, which is kept (redacted) in what is recorded.
    const probe = JSON.parse(readFileSync(join(dir, 'abs/probe.json'), 'utf8')) as {
      target: { url: string };
    };
    expect(probe.target.url).toMatch(/\/v1(\/chat\/completions)?\?api_key=\[REDACTED\]$/);
  });

  test('a review packet against the hostile provider holds neither canary, in any encoding', async () => {
    const hostile = await hostileProvider();
    writeLedger(hostile.url);
    const run = await runCli(
      ['review', '--out', 'packet', '--base-url', `${hostile.url}?key=${QUERY_SECRET}`],
      {
        cwd: dir,
        env: ENV,
      },
    );
    expect(run.code).not.toBe(70);
    expectClean([run.stdout, run.stderr]);
    expect(await scanArtifacts(join(dir, 'packet'), [KEY, QUERY_SECRET])).toEqual([]);
    expectClean(readdirSync(join(dir, 'packet')).map((f) => readFileSync(join(dir, 'packet', f), 'utf8')));
  });

  test('the standalone proxy, never told the key, keeps a key sent in a custom header out of its log', async () => {
    const upstream = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    servers.push(upstream);
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const log = join(dir, 'attempts.jsonl');
    const proxy = await startProxy({
      upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      log,
    });
    try {
      const response = await fetch(`${proxy.url}/chat/completions?trace=${KEY}`, {
        method: 'POST',
        headers: { 'x-custom-auth': KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ model: `m-${KEY}`, messages: [] }),
      });
      await response.arrayBuffer();
      await proxy.idle();
      await proxy.close();
      expectClean([JSON.stringify(proxy.attempts()), readFileSync(log, 'utf8')]);
      expect(proxy.attempts()[0]?.path).toContain('[REDACTED]');
    } finally {
      await proxy.close().catch(() => {});
    }
  });

  test('a --base-url that does not parse is refused without echoing its password or key', async () => {
    writeLedger('http://127.0.0.1:9/v1');
    const run = await runCli(['probe', '--base-url', `http//ops:${KEY}@x?api_key=${QUERY_SECRET}`], {
      cwd: dir,
      env: ENV,
    });
    expect(run.code).toBe(64);
    expectClean([run.stdout, run.stderr]);
  });
});

describe('clear errors instead of crashes', () => {
  test('review --base-url notaurl with an audit in the ledger: exit 64 naming the option, no stack', async () => {
    writeLedger('http://127.0.0.1:9/v1');
    const ledger = readFileSync(join(dir, 'chatproof.yaml'), 'utf8');
    writeFileSync(join(dir, 'chatproof.yaml'), `${ledger}audit:\n  command: [node, -e, "0"]\n`);
    const run = await runCli(['review', '--base-url', 'notaurl', '--out', 'p'], { cwd: dir, env: ENV });
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/--base-url must be an absolute http/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'p'))).toBe(false);
  });

  test('an --out that cannot be created exits 73 before any request is sent', async () => {
    const hostile = await hostileProvider();
    writeLedger(hostile.url);
    for (const args of [
      ['review', '--out', '/proc/chatproof-packet'],
      ['review', '--out', '/sys/chatproof-packet'],
      ['probe', '--out', join(dir, 'x'.repeat(300))],
      ['negative', '--out', '/proc/chatproof-out'],
    ]) {
      const run = await runCli(args, { cwd: dir, env: ENV });
      expect(run.code, args.join(' ')).toBe(73);
      expect(run.stderr).toMatch(/cannot create output/);
    }
    expect(hostile.requests()).toBe(0);
  });

  test('probe --out writes where it says, absolute or relative', async () => {
    const hostile = await hostileProvider();
    writeLedger(hostile.url);
    const elsewhere = mkdtempSync(join(tmpdir(), 'chatproof-abs-'));
    try {
      const abs = await runCli(['probe', '--out', elsewhere], { cwd: dir, env: ENV });
      expect(existsSync(join(elsewhere, 'probe.json'))).toBe(true);
      expect(abs.stderr).toContain(`wrote ${join(elsewhere, 'probe.json')}`);
      mkdirSync(join(dir, 'sub'));
      await runCli(['negative', '--out', 'sub/out'], { cwd: dir, env: ENV });
      expect(existsSync(join(dir, 'sub/out/negative.json'))).toBe(true);
      expect(existsSync(join(dir, elsewhere.slice(1)))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('SIGTERM mid-review writes a partial packet marked incomplete and exits 143', async () => {
    const hostile = await hostileProvider();
    writeLedger(hostile.url);
    const controller = new AbortController();
    setTimeout(() => controller.abort(interruptedBy('SIGTERM')), 5);
    const run = await runCli(['review', '--out', 'p'], { cwd: dir, env: ENV, signal: controller.signal });
    expect(run.code).toBe(143);
    const packet = JSON.parse(readFileSync(join(dir, 'p', 'packet.json'), 'utf8')) as { incomplete: boolean };
    expect(packet.incomplete).toBe(true);
  });

  test('simulate --host 0.0.0.0 refuses the public demo key', async () => {
    const run = await runCli(['simulate', '--host', '0.0.0.0'], { cwd: dir, env: {} });
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/not a loopback address: the public demo key is refused/);
  });
});
