import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runNegative, runProbe } from '../src/checks/index.js';
import { CLAUSE, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';
import { ENV, type Simulated, setValue, simulated } from './probe-support.js';

let current: Simulated | undefined;
let dir: string | undefined;
afterEach(async () => {
  await current?.sim.close();
  current = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A port that was free a moment ago: nothing listens there now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Case = {
  name: string;
  kind: string;
  clause: string;
  message: RegExp;
  base: (s: Simulated) => Promise<string>;
};

const CASES: Case[] = [
  {
    name: 'a refused port',
    kind: 'refused',
    clause: CLAUSE.baseUrl,
    message: /connection refused by 127\.0\.0\.1:\d+/,
    base: async () => `http://127.0.0.1:${await closedPort()}/v1`,
  },
  {
    name: 'a host that does not resolve',
    kind: 'dns',
    clause: CLAUSE.baseUrl,
    message: /DNS lookup failed for chatproof-target\.invalid/,
    base: async () => 'http://chatproof-target.invalid/v1',
  },
  {
    name: 'TLS against a plain-http port',
    kind: 'tls',
    clause: CLAUSE.baseUrl,
    message: /TLS handshake with 127\.0\.0\.1:\d+ failed/,
    base: async (s) => s.sim.url.replace('http://', 'https://'),
  },
];

describe.each(CASES)('$name is an observation, never a crash', ({ kind, clause, message, base }) => {
  test('probe: one unexpected transport finding, the rest not run with the reason', async () => {
    current = await simulated('cometapi');
    // Bounded, in case a resolver never answers.
    setValue(current.ledger, CLAUSE.timeoutMs, 5000);
    const result = await runProbe(current.contract(), { env: ENV, baseUrl: await base(current) });
    const [first, ...rest] = result.findings;
    // DNS may time out instead of failing fast where no resolver answers; both name the host.
    if (kind === 'dns' && first?.code === 'transport-timeout') return;
    expect(first).toMatchObject({
      class: 'unexpected',
      code: `transport-${kind}`,
      clause,
      check: 'probe-models',
    });
    expect(first?.message).toMatch(message);
    expect(first?.evidence.reproducer).toContain('curl');
    expect(result.budget?.stop?.reason).toBe('unreachable');
    expect(rest.map((f) => `${f.check}:${f.class}`)).toEqual(['probe:not-run', 'probe-stream:not-run']);
  });

  test('negative: the first case records the failure and the others are not sent', async () => {
    current = await simulated('openai');
    setValue(current.ledger, CLAUSE.timeoutMs, 5000);
    const result = await runNegative(current.contract(), { env: ENV, baseUrl: await base(current) });
    const [first, ...rest] = result.findings;
    if (kind === 'dns' && first?.code === 'transport-timeout') return;
    expect(first).toMatchObject({
      class: 'unexpected',
      code: `transport-${kind}`,
      check: 'negative:missing-auth',
    });
    expect(rest.every((f) => f.class === 'not-run' && /target unreachable/.test(f.reason))).toBe(true);
  });
});

test('a target slower than the local timeout is a timeout observation against policy.timeout-ms', async () => {
  current = await simulated('cometapi');
  setValue(current.ledger, CLAUSE.timeoutMs, 150);
  const result = await runProbe(current.contract(), {
    env: ENV,
    extraHeaders: { 'x-chatproof-fault': 'hang' },
  });
  const timeout = result.findings.find((f) => f.code === 'transport-timeout');
  expect(timeout).toMatchObject({ class: 'unexpected', clause: CLAUSE.timeoutMs, check: 'probe' });
  expect(timeout?.message).toMatch(/local timeout of 150 ms/);
  expect(result.probes[0]?.reached).toBe(false);
  expect(result.findings.at(-1)).toMatchObject({ check: 'probe-stream', class: 'not-run' });
});

test('chatproof probe against a refused port exits 2 with a readable message', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-unreachable-'));
  current = await simulated('cometapi');
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const run = await runCli(['probe', '--base-url', `http://127.0.0.1:${await closedPort()}/v1`], {
    cwd: dir,
    env: ENV,
  });
  expect(run.code).toBe(2);
  expect(run.stdout).toMatch(/transport-refused: connection refused/);
  expect(run.stderr).not.toMatch(/internal error/);
});
