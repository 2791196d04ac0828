import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';

/** A target streaming chunks forever: the probe's output stays under 5 MB (it was 12.8 MB, at 2 GB RSS). */
test('probe output stays under 5 MB for an endless stream', async () => {
  const server = createServer((req, res) => {
    req.resume();
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'gpt-4.1-nano' }] }));
      return;
    }
    if (!String(req.headers.accept).includes('event-stream')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"id":"x","object":"chat.completion","created":1,"model":"gpt-4.1-nano","choices":[{"index":0,"message":{"role":"assistant","content":"contract_probe_ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}',
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-nano","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}\n\n`;
    const pump = () => {
      while (res.write(chunk)) {}
    };
    res.on('drain', pump);
    pump();
    req.on('close', () => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'endless-'));
  const ledger = profileLedger('cometapi', {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    keyRef: 'env:K',
  });
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
  const before = process.memoryUsage().rss;
  const run = await runCli(['probe', '--json'], { cwd: dir, env: { K: 'Zz9endlessCanaryKey01' } });
  console.info(
    `endless stream: probe --json wrote ${run.stdout.length} bytes; RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB (before ${Math.round(before / 1e6)} MB)`,
  );
  server.close();
  rmSync(dir, { recursive: true, force: true });
  expect(run.stdout.length).toBeLessThan(5 * 1024 * 1024);
}, 120_000);
