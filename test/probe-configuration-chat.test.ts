/**
 * The model list answers, then the chat endpoint refuses: a key not allowed to chat (401/403) or a chat path the
 * target does not serve (404, a redirect). Both are the operator's to fix: `configuration` findings naming the
 * real status and the clause, exit 1, no escalation draft, and the client audit is not run against that target.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runProbe } from '../src/checks/index.js';
import type { FindingCode } from '../src/classify/index.js';
import { CLAUSE, type ClauseId, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';
import { clauseOf, ENV, type Simulated, simulated } from './probe-support.js';

let current: Simulated | undefined;
let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await current?.sim.close();
  current = undefined;
  const open = server;
  server = undefined;
  if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A loopback target whose model list lists `model` and whose every other path answers `status`. */
async function chatRefuses(model: string, status: number): Promise<string> {
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', owned_by: 'x' }] }));
      return;
    }
    req.resume();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (status >= 300 && status < 400) headers.location = `/elsewhere${req.url ?? ''}`;
    res.writeHead(status, headers);
    res.end(JSON.stringify({ error: { message: 'refused', type: 'x', param: null, code: null } }));
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const { port } = listening.address() as { port: number };
  return `http://127.0.0.1:${port}/v1`;
}

const CASES: { status: number; clause: ClauseId; code: FindingCode }[] = [
  { status: 401, clause: CLAUSE.keyRef, code: 'key-rejected' },
  { status: 403, clause: CLAUSE.keyRef, code: 'key-rejected' },
  { status: 404, clause: CLAUSE.chatPath, code: 'chat-path-wrong' },
  { status: 308, clause: CLAUSE.chatPath, code: 'chat-path-wrong' },
];

describe.each(CASES)('chat answers $status after a good model list', (c) => {
  test('probe: a configuration finding for the JSON probe; the stream probe is not sent', async () => {
    current = await simulated('openai');
    const model = String(clauseOf(current.ledger, CLAUSE.modelId).value);
    const baseUrl = await chatRefuses(model, c.status);
    const result = await runProbe(current.contract(), { env: ENV, baseUrl });
    expect(result.model?.validation).toBe('models-endpoint');
    // The model list's own meaning checks (media type, fields) pass beside these.
    const judged = result.findings.filter((f) => !/^(meaning|media-type|header-syntax)-/.test(f.code));
    const summary = judged.map((f) => `${f.check}:${f.class}:${f.code}`);
    expect(summary).toEqual([
      'probe-models:documented-handled:model-listed',
      `probe:configuration:${c.code}`,
      'probe-stream:not-run:target-misconfigured',
    ]);
    const finding = judged[1];
    expect(finding?.clause).toBe(c.clause);
    expect(finding?.message).toContain(String(c.status));
    expect(finding?.message).toContain(c.clause);
    expect(finding?.message).toContain('/models');
    expect(finding?.evidence.observed).toMatchObject({ status: c.status });
    expect(result.findings.some((f) => f.class === 'unexpected')).toBe(false);
  });

  test('review: fails with exit 1, no escalation draft, the client audit not run against the target', async () => {
    current = await simulated('openai');
    const model = String(clauseOf(current.ledger, CLAUSE.modelId).value);
    const baseUrl = await chatRefuses(model, c.status);
    dir = mkdtempSync(join(tmpdir(), 'chatproof-config-chat-'));
    const ledger = structuredClone(current.ledger);
    ledger.audit = { command: [process.execPath, '-e', 'process.exit(0)'] };
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
    const probe = await runCli(['probe', '--base-url', baseUrl], { cwd: dir, env: ENV });
    expect(probe.code).toBe(1);
    const review = await runCli(['review', '--base-url', baseUrl, '--out', 'rev'], { cwd: dir, env: ENV });
    expect(review.stderr).not.toMatch(/internal error/);
    expect(review.code).toBe(1);
    const packet = JSON.parse(readFileSync(join(dir, 'rev', 'packet.json'), 'utf8'));
    expect(packet.verdict).toBe('fail');
    expect(packet.escalations).toEqual([]);
    expect(packet.findings.filter((f: { class: string }) => f.class === 'unexpected')).toEqual([]);
    expect(JSON.stringify(packet.reasons)).toContain('target-configured');
    const skipped = (check: string) =>
      packet.findings
        .filter((f: { check: string }) => f.check.startsWith(check))
        .map((f: { class: string; code: string; clause: string }) => `${f.class}:${f.code}:${f.clause}`);
    expect(skipped('audit')).toEqual([`not-run:target-misconfigured:${c.clause}`]);
    expect(skipped('negative')).toEqual([`not-run:target-misconfigured:${c.clause}`]);
    expect(packet.audit).toBeUndefined();
  });
});
