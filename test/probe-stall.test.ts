import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runProbe } from '../src/checks/index.js';
import { CLAUSE, renderLedgerYaml } from '../src/contract/index.js';
import { DEFAULT_STALL_MS } from '../src/http/index.js';
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

/** A target that answers every request with headers and then never another byte. */
async function stallingTarget(): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

test('probe: a target that sends headers and then stalls is a not-run check naming the stall limit', async () => {
  current = await simulated('cometapi');
  setValue(current.ledger, CLAUSE.timeoutMs, 20_000);
  const base = await stallingTarget();
  const result = await runProbe(current.contract(), { env: ENV, baseUrl: base, stallMs: 300 });
  // What CometAPI leaves unsaid about the list's headers (judged before the body) is not the point here.
  const [first] = result.findings.filter((f) => f.code !== 'not-stated');
  expect(first).toMatchObject({ class: 'not-run', code: 'body-timeout', check: 'probe-models' });
  if (first?.class !== 'not-run') throw new Error('expected a not-run finding');
  expect(first.reason).toMatch(/stalled: .*no byte for 300 ms \(stall limit\)/);
});

test('chatproof probe --stall-ms ends a stalled answer and exits 1 (not run)', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-stall-'));
  current = await simulated('cometapi');
  setValue(current.ledger, CLAUSE.timeoutMs, 20_000);
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const base = await stallingTarget();
  const run = await runCli(['probe', '--base-url', base, '--stall-ms', '300'], { cwd: dir, env: ENV });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/probe-models body-timeout: not run: .*stalled/);
  expect(run.stderr).not.toMatch(/internal error/);
});

// One review run: the stall reaches its output and its packet (each run waits out several stalls).
test('chatproof review --stall-ms passes the stall limit to its checks; packet.json records the limit in force, and each check it ended, with the finding', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-stall-'));
  current = await simulated('cometapi');
  setValue(current.ledger, CLAUSE.timeoutMs, 20_000);
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const base = await stallingTarget();
  const run = await runCli(
    ['review', '--no-store', '--out', 'packet', '--base-url', base, '--stall-ms', '300'],
    {
      cwd: dir,
      env: ENV,
    },
  );
  expect(run.stderr).not.toMatch(/internal error/);
  expect(`${run.stdout}\n${run.stderr}`).toMatch(/stalled/);
  const packet = JSON.parse(readFileSync(join(dir, 'packet', 'packet.json'), 'utf8'));
  expect(packet.limits).toMatchObject({ stallMs: 300, deadlineMs: null });
  expect(packet.limits.fired.length).toBeGreaterThan(0);
  expect(packet.limits.fired[0]).toMatchObject({ kind: 'stall', ms: 300, check: 'probe-models' });
  const ended = packet.findings.find((f: { key: string }) => f.key === packet.limits.fired[0].finding);
  expect(ended).toMatchObject({ class: 'not-run', limit: { kind: 'stall', ms: 300 } });
  expect(ended.clause).toBe(packet.limits.fired[0].clause);
  expect(readFileSync(join(dir, 'packet', 'packet.md'), 'utf8')).toMatch(
    /the stall limit of 300 ms ended \d+ check\(s\): probe-models/,
  );
}, 60_000);

test('without --stall-ms the packet records the default stall limit and nothing fired', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-stall-'));
  current = await simulated('cometapi');
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const run = await runCli(['review', '--no-store', '--out', 'packet', '--base-url', current.sim.url], {
    cwd: dir,
    env: ENV,
  });
  expect(run.stderr).not.toMatch(/internal error/);
  const packet = JSON.parse(readFileSync(join(dir, 'packet', 'packet.json'), 'utf8'));
  expect(packet.limits).toEqual({ stallMs: DEFAULT_STALL_MS, deadlineMs: null, fired: [] });
}, 60_000);
