import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runNegative, runProbe } from '../src/checks/index.js';
import { renderLedgerYaml } from '../src/contract/index.js';
import { findSecret, scanArtifacts } from '../src/redact/index.js';
import { runCli } from './helpers/cli.js';
import { ENV, KEY, type Simulated, simulated } from './probe-support.js';

let current: Simulated | undefined;
let echo: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await current?.sim.close();
  await new Promise<void>((resolve) => (echo ? echo.close(() => resolve()) : resolve()));
  current = undefined;
  echo = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A hostile target: it reflects the key it receives in headers, JSON, SSE and several encodings. */
async function reflectingTarget(): Promise<string> {
  echo = createServer((req, res) => {
    req.resume();
    const auth = String(req.headers.authorization ?? '');
    const key = auth.replace(/^Bearer /, '');
    const reflected = {
      auth,
      base64: Buffer.from(key).toString('base64'),
      url: encodeURIComponent(`k=${key}&x`),
      hex: Buffer.from(key).toString('hex'),
      message: `Incorrect API key provided: ${key} (request id: r-1)`,
    };
    res.setHeader('x-echo-key', key);
    res.setHeader('location', `https://example.test/?api_key=${key}`);
    if (String(req.headers.accept).includes('event-stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify(reflected)}\n\nevent: error\ndata: ${key}\n\ndata: [DONE]\n\n`);
      return;
    }
    res.writeHead(req.url?.endsWith('/models') ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: [{ id: 'gpt-4.1-nano' }], error: reflected }));
  });
  await new Promise<void>((resolve) => echo?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v1`;
}

test('the key appears in no result, capture, reproducer or written artifact, in any encoding', async () => {
  current = await simulated('cometapi');
  const hostile = await reflectingTarget();
  const outputs = [
    await runProbe(current.contract(), { env: ENV }),
    await runNegative(current.contract(), { env: ENV }),
    await runProbe(current.contract(), { env: ENV, baseUrl: hostile }),
    await runNegative(current.contract(), { env: ENV, baseUrl: hostile }),
  ];
  // The key really was on the wire, and really came back: the hostile answers are captured, redacted.
  const models = outputs[2]?.findings.find((f) => f.check === 'probe-models')?.evidence.exchange?.response;
  expect(models?.body).toContain('[REDACTED]');
  expect(models?.headers['x-echo-key']).toBe('[REDACTED]');
  for (const output of outputs) expect(findSecret(JSON.stringify(output), [KEY])).toBeUndefined();

  dir = mkdtempSync(join(tmpdir(), 'chatproof-canary-'));
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const runs = [
    await runCli(['probe', '--json', '--out', 'out'], { cwd: dir, env: ENV }),
    await runCli(['negative', '--json', '--out', 'out'], { cwd: dir, env: ENV }),
    await runCli(['probe', '--out', 'hostile', '--base-url', hostile], { cwd: dir, env: ENV }),
    await runCli(['negative', '--out', 'hostile', '--base-url', hostile], { cwd: dir, env: ENV }),
  ];
  for (const run of runs) {
    expect(findSecret(run.stdout, [KEY])).toBeUndefined();
    expect(findSecret(run.stderr, [KEY])).toBeUndefined();
  }
  expect(await scanArtifacts(dir, [KEY])).toEqual([]);
});
