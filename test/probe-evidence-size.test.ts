import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';

const COMPLETION =
  '{"id":"x","object":"chat.completion","created":1,"model":"gpt-4.1-nano","choices":[{"index":0,"message":{"role":"assistant","content":"contract_probe_ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}';
const CHUNK = `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-nano","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}\n\n`;

/**
 * A 1 MiB stream judged several ways: each finding embedded the whole capture (1.1 MB of `probe --json`, seven
 * copies of it); now the capture is stored once and the findings reference it.
 */
function megabyteStream() {
  const body = `${CHUNK.repeat(Math.ceil((1024 * 1024) / CHUNK.length))}data: [DONE]\n\n`;
  return createServer((req, res) => {
    req.resume();
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'gpt-4.1-nano' }] }));
    } else if (!String(req.headers.accept).includes('event-stream')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(COMPLETION);
    } else {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    }
  });
}

test('probe --json of a 1 MiB SSE answer stores the capture once: under 400 KB, every reference resolving', async () => {
  const server = megabyteStream();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-sse-size-'));
  try {
    const ledger = profileLedger('cometapi', {
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      keyRef: 'env:K',
    });
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
    const run = await runCli(['probe', '--json', '--out', 'out'], {
      cwd: dir,
      env: { K: 'Zz9sizeCanaryKey01x' },
    });
    console.info(`1 MiB stream: probe --json wrote ${run.stdout.length} bytes`);
    expect(run.stdout.length).toBeLessThan(400 * 1024);
    const document = JSON.parse(run.stdout);
    const streamFindings = document.findings.filter((f: { check: string }) => f.check === 'probe-stream');
    expect(streamFindings.length).toBeGreaterThan(3);
    const refs = new Set(
      streamFindings.map((f: { evidence: { exchangeRef?: string } }) => f.evidence.exchangeRef),
    );
    expect(refs.size).toBe(1);
    for (const finding of document.findings) {
      expect(finding.evidence.exchange).toBeUndefined();
      if (finding.evidence.exchangeRef)
        expect(document.exchanges[finding.evidence.exchangeRef]).toBeDefined();
    }
    expect(readFileSync(join(dir, 'out', 'probe.json'), 'utf8')).toBe(run.stdout);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('the review packet of a 1 MiB SSE answer stores each capture once and its findings reference it', async () => {
  const server = megabyteStream();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-sse-size-'));
  try {
    const ledger = profileLedger('cometapi', {
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      keyRef: 'env:K',
    });
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
    await runCli(['review', '--no-store', '--out', 'packet'], {
      cwd: dir,
      env: { K: 'Zz9sizeCanaryKey01x' },
    });
    const text = readFileSync(join(dir, 'packet', 'packet.json'), 'utf8');
    console.info(`1 MiB stream: packet.json is ${text.length} bytes`);
    const packet = JSON.parse(text);
    const refs = packet.findings
      .filter((f: { check: string }) => f.check === 'probe-stream')
      .map((f: { evidence: { exchangeRef?: string } }) => f.evidence.exchangeRef);
    expect(refs.length).toBeGreaterThan(3);
    expect(new Set(refs).size).toBe(1);
    for (const finding of packet.findings) {
      expect(finding.evidence.exchange).toBeUndefined();
      if (finding.evidence.exchangeRef) expect(packet.exchanges[finding.evidence.exchangeRef]).toBeDefined();
    }
    expect(text.length).toBeLessThan(600 * 1024);
    // The HTML still shows the stream finding's exchange, read through its reference.
    expect(readFileSync(join(dir, 'packet', 'packet.html'), 'utf8')).toMatch(/text\/event-stream|POST /);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
