import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runNegative, runProbe } from '../src/checks/index.js';
import type { FindingCode } from '../src/classify/codes.js';
import { CLAUSE, type ClauseId, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';
import { ENV, type Simulated, simulated } from './probe-support.js';

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

/** A loopback server answering every request with `answer`; returns its base URL. */
async function loopback(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(answer);
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const { port } = listening.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

const WRONG_KEY = { CHATPROOF_TEST_KEY: 'sk-wrongkey0000000000000000000000000000' };

type Case = {
  name: string;
  clause: ClauseId;
  code: FindingCode;
  status: number;
  /** Base URL and env for the run. */
  setup: (s: Simulated) => Promise<{ baseUrl?: string; env: Record<string, string> }>;
};

const CASES: Case[] = [
  {
    name: 'a wrong key (401 on the model list)',
    clause: CLAUSE.keyRef,
    code: 'key-rejected',
    status: 401,
    setup: async () => ({ env: WRONG_KEY }),
  },
  {
    name: 'a base URL missing /v1 (301 on the model list)',
    clause: CLAUSE.baseUrl,
    code: 'base-url-wrong',
    status: 301,
    setup: async () => ({
      env: ENV,
      baseUrl: await loopback((req, res) => {
        res.writeHead(301, { location: `/v1${req.url ?? ''}` });
        res.end();
      }),
    }),
  },
  {
    name: 'a base URL missing /v1 (404 on every path)',
    clause: CLAUSE.baseUrl,
    code: 'base-url-wrong',
    status: 404,
    setup: async () => ({
      env: ENV,
      baseUrl: await loopback((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"not found"}');
      }),
    }),
  },
  {
    name: 'the wrong server (an HTML page)',
    clause: CLAUSE.baseUrl,
    code: 'not-the-api',
    status: 200,
    setup: async () => ({
      env: ENV,
      baseUrl: await loopback((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><html><body>Welcome</body></html>');
      }),
    }),
  },
];

describe.each(CASES)('$name is a configuration finding, never an escalation', (c) => {
  test('probe: the model list names the clause and the status; the probes are not sent', async () => {
    current = await simulated('cometapi');
    const { baseUrl, env } = await c.setup(current);
    const result = await runProbe(current.contract(), { env, ...(baseUrl ? { baseUrl } : {}) });
    // Beside them, what CometAPI leaves unsaid about the model list's headers (not stated, not judged).
    const [first, ...rest] = result.findings.filter((f) => f.code !== 'not-stated');
    expect(first).toMatchObject({
      class: 'configuration',
      check: 'probe-models',
      clause: c.clause,
      code: c.code,
    });
    expect(first?.message).toContain(String(c.status));
    expect(first?.message).toContain(c.clause);
    expect(first?.evidence.observed).toMatchObject({ status: c.status });
    expect(rest.map((f) => `${f.check}:${f.class}:${f.code}`)).toEqual([
      'probe:not-run:target-misconfigured',
      'probe-stream:not-run:target-misconfigured',
    ]);
    expect(result.probes).toEqual([]);
  });

  test('negative: the model list first; no case is sent to a misconfigured target, exit 1', async () => {
    current = await simulated('cometapi');
    const { baseUrl, env } = await c.setup(current);
    const result = await runNegative(current.contract(), { env, ...(baseUrl ? { baseUrl } : {}) });
    const [first, ...rest] = result.findings;
    expect(first).toMatchObject({ class: 'configuration', clause: c.clause, code: c.code });
    expect(rest.length).toBeGreaterThan(5);
    for (const finding of rest)
      expect(finding).toMatchObject({ class: 'not-run', code: 'target-misconfigured' });
    expect(result.cases).toEqual([]);
    dir = mkdtempSync(join(tmpdir(), 'chatproof-config-negative-'));
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const cli = await runCli(['negative', ...(baseUrl ? ['--base-url', baseUrl] : [])], { cwd: dir, env });
    expect(cli.code).toBe(1);
  });

  test('chatproof probe exits 1, and the review packet fails with no escalation draft', async () => {
    current = await simulated('cometapi');
    const { baseUrl, env } = await c.setup(current);
    dir = mkdtempSync(join(tmpdir(), 'chatproof-config-'));
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const flags = baseUrl ? ['--base-url', baseUrl] : [];
    const probe = await runCli(['probe', ...flags], { cwd: dir, env });
    expect(probe.code).toBe(1);
    expect(probe.stdout).toMatch(new RegExp(`conf +probe-models ${c.code}: .*${c.status}`));
    const review = await runCli(['review', ...flags, '--out', 'rev'], { cwd: dir, env });
    expect(review.stderr).not.toMatch(/internal error/);
    const packet = JSON.parse(readFileSync(join(dir, 'rev', 'packet.json'), 'utf8'));
    expect(packet.verdict).toBe('fail');
    expect(review.code).toBe(1);
    expect(packet.escalations).toEqual([]);
    expect(packet.findings.some((f: { class: string }) => f.class === 'unexpected')).toBe(false);
    expect(JSON.stringify(packet.reasons)).toContain('target-configured');
  });
});
