// `--deadline`: a run that ends itself. Checks not reached are not-run naming the deadline, the output is
// written whole, and the exit code is the verdict's (never a pass).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { CLAUSE, renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';
import { ENV, type Simulated, setValue, simulated } from './probe-support.js';

let current: Simulated | undefined;
let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await current?.sim.close();
  current = undefined;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A target that sends headers and then holds every answer open, so only a deadline ends the run early. */
async function holdingTarget(): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

/** A ledger whose requests would each wait 20 s (timeout and stall limit alike) on the holding target. */
async function slowLedger(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-deadline-'));
  current = await simulated('cometapi');
  setValue(current.ledger, CLAUSE.timeoutMs, 20_000);
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  return dir;
}

interface Finding {
  key: string;
  class: string;
  check: string;
  reason?: string;
  limit?: { kind: string; ms: number };
}

test('review --deadline ends the run, records the checks not reached, and writes the packet whole', async () => {
  const cwd = await slowLedger();
  const base = await holdingTarget();
  const started = Date.now();
  const run = await runCli(
    [
      'review',
      '--no-store',
      '--out',
      'packet',
      '--base-url',
      base,
      '--stall-ms',
      '20000',
      '--deadline',
      '1s',
    ],
    { cwd, env: ENV },
  );
  // Without the deadline the probe alone would wait 20 s per request.
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(1);
  for (const file of ['packet.json', 'packet.md', 'packet.html', 'junit.xml'])
    expect(existsSync(join(cwd, 'packet', file))).toBe(true);
  const packet = JSON.parse(readFileSync(join(cwd, 'packet', 'packet.json'), 'utf8'));
  expect(packet.incomplete).toBe(false);
  expect(packet.verdict).not.toBe('pass');
  expect(packet.limits).toMatchObject({ stallMs: 20_000, deadlineMs: 1000 });
  const ended = (packet.findings as Finding[]).filter((f) => f.limit?.kind === 'deadline');
  // The request in flight, and every check after it (the rest of the probe and the negative suite).
  expect(ended.length).toBeGreaterThan(1);
  expect(ended.every((f) => f.class === 'not-run' && /run deadline of 1 s/.test(f.reason ?? ''))).toBe(true);
  expect(ended.some((f) => f.check.startsWith('negative'))).toBe(true);
  expect(packet.limits.fired.map((f: { finding: string }) => f.finding).sort()).toEqual(
    ended.map((f) => f.key).sort(),
  );
  // Shown beside the verdict, where it is read, in both renderings.
  for (const file of ['packet.md', 'packet.html'])
    expect(readFileSync(join(cwd, 'packet', file), 'utf8')).toMatch(
      /the run deadline of 1 s ended \d+ check\(s\): /,
    );
}, 60_000);

test('probe --deadline ends a held answer and every later check as not-run (exit 1)', async () => {
  const cwd = await slowLedger();
  const base = await holdingTarget();
  const started = Date.now();
  const run = await runCli(
    ['probe', '--json', '--out', 'out', '--base-url', base, '--stall-ms', '20000', '--deadline', '500ms'],
    { cwd, env: ENV },
  );
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(run.code).toBe(1);
  const document = JSON.parse(run.stdout);
  const ended = (document.findings as Finding[]).filter((f) => f.limit?.kind === 'deadline');
  expect(ended.length).toBeGreaterThan(0);
  expect(ended.map((f) => f.check)).toContain('probe-models');
  expect(ended.every((f) => f.class === 'not-run')).toBe(true);
  expect(existsSync(join(cwd, 'out', 'probe.json'))).toBe(true);
}, 60_000);

test('negative --deadline sends nothing once the deadline is reached', async () => {
  const cwd = await slowLedger();
  const base = await holdingTarget();
  const run = await runCli(['negative', '--json', '--base-url', base, '--deadline', '300ms'], {
    cwd,
    env: ENV,
  });
  expect(run.code).toBe(1);
  const findings = JSON.parse(run.stdout).findings as Finding[];
  expect(findings.some((f) => f.limit?.kind === 'deadline')).toBe(true);
}, 60_000);

test('audit-client --deadline stops the running clients; scenarios not finished are not-run naming it', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-deadline-'));
  const ledger = profileLedger('cometapi', {
    baseUrl: 'http://127.0.0.1/v1',
    keyRef: 'env:CHATPROOF_SIM_KEY',
  });
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
  // A client that never finishes: only the deadline (or the 30 s scenario limit) ends it.
  writeFileSync(join(dir, 'client.mjs'), 'setInterval(() => {}, 1000);\n');
  const started = Date.now();
  const run = await runCli(
    [
      'audit-client',
      '--simulator',
      '--json',
      '--out',
      'audit',
      '--deadline',
      '1s',
      '--',
      'node',
      'client.mjs',
    ],
    { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
  );
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(1);
  const document = JSON.parse(run.stdout);
  const findings = document.findings as Finding[];
  expect(findings.length).toBeGreaterThan(1);
  expect(findings.every((f) => f.class === 'not-run')).toBe(true);
  // Every scenario the plan did not already rule out (the ledger's 600 s timeout does not fit in 30 s).
  const planned = findings.filter((f) => !/does not fit in the scenario time limit/.test(f.reason ?? ''));
  expect(planned.length).toBeGreaterThan(10);
  expect(
    planned.every((f) => f.limit?.kind === 'deadline' && /run deadline of 1 s/.test(f.reason ?? '')),
  ).toBe(true);
  expect(existsSync(join(dir, 'audit', 'audit.json'))).toBe(true);
}, 60_000);

test('--deadline refuses what is not a duration (exit 64)', async () => {
  const cwd = await slowLedger();
  const run = await runCli(['probe', '--deadline', 'soon'], { cwd, env: ENV });
  expect(run.code).toBe(64);
  expect(run.stderr).toMatch(/expected a duration/);
});
