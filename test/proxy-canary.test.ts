/**
 * `chatproof proxy` secrets canary: the command run as a user runs it, in front of a hostile upstream that echoes
 * the key, with a client that sends it in a custom header, the query and the body, and credentials in
 * `--upstream`. No canary reaches stdout, stderr or the attempt log, in any encoding.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { findSecret, looksLikeSecret, scanArtifacts } from '../src/redact/index.js';
import { startCli } from './helpers/cli.js';

const KEY = 'Hp4proxyCanaryKey7Vx2Rq9';
const PASSWORD = 'Wd6upstreamPass3Lk8';
const QUERY_SECRET = 'Ny5upstreamQuery1Bz4';
const SECRETS = [KEY, PASSWORD, QUERY_SECRET];

let dir: string | undefined;
let upstream: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  upstream = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

test('the canaries match no pattern rule', () => {
  expect(SECRETS.some((secret) => looksLikeSecret(secret))).toBe(false);
});

test('chatproof proxy: no key reaches stdout, stderr or the attempt log, in any encoding', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-proxy-canary-'));
  upstream = createServer((req, res) => {
    req.resume();
    const key = String(req.headers['x-custom-auth'] ?? '');
    const b64 = Buffer.from(key).toString('base64');
    res.setHeader('x-echo', key);
    res.setHeader('x-echo-b64', b64);
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `bad key ${key} (${b64}) ${encodeURIComponent(key)}` } }));
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as AddressInfo).port;

  const proxy = startCli(
    [
      'proxy',
      '--upstream',
      `http://ops:${PASSWORD}@127.0.0.1:${port}/v1?api_key=${QUERY_SECRET}`,
      '--log',
      'attempts.jsonl',
    ],
    { cwd: dir },
  );
  const proxyUrl = await proxy.firstLine;
  for (const path of ['/chat/completions', `/chat/completions?trace=${KEY}`]) {
    const response = await fetch(`${proxyUrl}${path}`, {
      method: 'POST',
      headers: { 'x-custom-auth': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', user: KEY, note: Buffer.from(KEY).toString('base64') }),
    });
    await response.arrayBuffer();
  }
  // The attempt lines are printed every 250 ms: the proxy is stopped once both requests' lines are out.
  await proxy.stderrHas(/POST \/v1\/chat\/completions/, 2);
  proxy.stop();
  expect(await proxy.done).toBe(0);

  const stderr = proxy.stderr();
  expect(stderr).toMatch(/POST \/v1\/chat\/completions.* 401 /);
  for (const text of [proxy.stdout(), stderr, readFileSync(join(dir, 'attempts.jsonl'), 'utf8')]) {
    expect(findSecret(text, SECRETS)).toBeUndefined();
  }
  expect(await scanArtifacts(dir, SECRETS)).toEqual([]);
}, 30_000);
