import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { runNegative, runProbe } from '../src/checks/index.js';
import { CLAUSE, type ClauseId, renderLedgerYaml } from '../src/contract/index.js';
import type { TransportErrorKind } from '../src/http/index.js';
import { UNRESOLVABLE_HOST, unresolvable } from '../src/http/unresolvable.fixture.js';
import { runCli } from './helpers/cli.js';
import { ENV, type Simulated, setValue, simulated } from './probe-support.js';
import { faultHeader } from './simulator/helpers.js';

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
  kind: TransportErrorKind;
  clause: ClauseId;
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
    message: /DNS lookup failed for chatproof-target\.invalid \(ENOTFOUND\)/,
    base: async () => {
      onTestFinished(unresolvable());
      return `http://${UNRESOLVABLE_HOST}/v1`;
    },
  },
  {
    name: 'TLS against a plain-http port',
    kind: 'tls',
    clause: CLAUSE.baseUrl,
    message: /TLS handshake with 127\.0\.0\.1:\d+ failed/,
    base: async (s) => s.sim.url.replace('http://', 'https://'),
  },
];

/** Exit codes the CLI documents: 1 is fail (a check did not run), 2 is escalate (the source is contradicted). */
const FAIL = 1;

describe.each(CASES)('$name is a not-run observation, never a crash', ({ kind, clause, message, base }) => {
  test('probe: the model check records the failure as not-run with its evidence, the rest are not sent', async () => {
    current = await simulated('cometapi');
    // Bounded, in case a resolver never answers.
    setValue(current.ledger, CLAUSE.timeoutMs, 5000);
    const result = await runProbe(current.contract(), { env: ENV, baseUrl: await base(current) });
    const [first, ...rest] = result.findings;
    expect(first).toMatchObject({
      class: 'not-run',
      code: `transport-${kind}`,
      clause,
      check: 'probe-models',
    });
    if (first?.class !== 'not-run') throw new Error('expected a not-run finding');
    expect(first.reason).toMatch(/^target not reached: /);
    expect(first.reason).toMatch(message);
    expect(first.message).toBe(`not run: ${first.reason}`);
    // Still an observation: the exchange with its timings and error, and the reproducer.
    expect(first.evidence.reproducer).toContain('curl');
    expect(first.evidence.exchange?.error).toMatchObject({ code: kind });
    expect(first.evidence.exchange?.timings.totalMs).toBeTypeOf('number');
    expect(first.evidence.observed).toMatchObject({ error: kind });
    expect(result.findings.some((f) => f.class === 'unexpected')).toBe(false);
    expect(result.budget?.stop?.reason).toBe('unreachable');
    expect(rest.map((f) => `${f.check}:${f.class}`)).toEqual(['probe:not-run', 'probe-stream:not-run']);
    // The checks not sent say why the model is unconfirmed: the model list's failure, not the model.
    for (const f of rest) {
      expect(f.class === 'not-run' && f.reason).toBe(
        `model \`gpt-4.1-nano\` is not marked validated in the ledger, and the model-list request did not confirm it (probe-models: transport-${kind})`,
      );
    }
  });

  test('negative: the model list, asked first, records the failure as not-run and no case is sent', async () => {
    current = await simulated('openai');
    setValue(current.ledger, CLAUSE.timeoutMs, 5000);
    const result = await runNegative(current.contract(), { env: ENV, baseUrl: await base(current) });
    const [first, ...rest] = result.findings;
    expect(first).toMatchObject({
      class: 'not-run',
      code: `transport-${kind}`,
      check: 'probe-models',
    });
    expect(first?.message).toMatch(message);
    expect(first?.evidence.reproducer).toContain('curl');
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((f) => f.class === 'not-run' && /target unreachable/.test(f.reason))).toBe(true);
  });
});

test('a target that accepts the connection but answers slower than the local timeout is not-run, naming the limit', async () => {
  current = await simulated('cometapi');
  setValue(current.ledger, CLAUSE.timeoutMs, 150);
  const result = await runProbe(current.contract(), {
    env: ENV,
    extraHeaders: faultHeader('hang'),
  });
  const timeout = result.findings.find((f) => f.code === 'transport-timeout');
  expect(timeout).toMatchObject({ class: 'not-run', clause: CLAUSE.timeoutMs, check: 'probe' });
  if (timeout?.class !== 'not-run') throw new Error('expected a not-run finding');
  expect(timeout.reason).toMatch(/local timeout of 150 ms; the contract could not be observed/);
  // The models request on the same target was answered: the target was reachable, only slow.
  const answered = result.findings.filter((f) => f.code !== 'not-stated');
  expect(answered[0]).toMatchObject({ check: 'probe-models', class: 'documented-handled' });
  expect(timeout.evidence.exchange?.error).toMatchObject({ code: 'timeout' });
  expect(result.findings.some((f) => f.class === 'unexpected')).toBe(false);
  expect(result.probes[0]?.reached).toBe(false);
  expect(result.findings.at(-1)).toMatchObject({ check: 'probe-stream', class: 'not-run' });
});

test('a stream our local timeout cuts keeps its chunks judged and records the missing end as not-run', async () => {
  current = await simulated('openai');
  setValue(current.ledger, CLAUSE.timeoutMs, 300);
  const result = await runProbe(current.contract(), {
    env: ENV,
    only: ['probe-stream'],
    extraHeaders: faultHeader('stall-mid-stream'),
  });
  const stream = result.findings.filter((f) => f.check === 'probe-stream');
  expect(stream.find((f) => f.code === 'body-timeout')).toMatchObject({
    class: 'not-run',
    clause: CLAUSE.streamDone,
  });
  expect(stream.some((f) => f.code === 'stream-cut')).toBe(false);
  expect(stream.some((f) => f.class === 'unexpected')).toBe(false);
});

test('chatproof probe against a refused port exits 1 (not run) with a readable message, never 2', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-unreachable-'));
  current = await simulated('cometapi');
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const run = await runCli(['probe', '--base-url', `http://127.0.0.1:${await closedPort()}/v1`], {
    cwd: dir,
    env: ENV,
  });
  expect(run.code).toBe(FAIL);
  expect(run.stdout).toMatch(
    /skip +probe-models transport-refused: not run: target not reached: connection refused/,
  );
  expect(run.stdout).toMatch(/0 unexpected, 0 configuration, 3 not-run/);
  expect(run.stderr).not.toMatch(/internal error/);
});

test('chatproof negative against a refused port exits 1 (not run), never 2', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-unreachable-'));
  current = await simulated('openai');
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
  const run = await runCli(['negative', '--base-url', `http://127.0.0.1:${await closedPort()}/v1`], {
    cwd: dir,
    env: ENV,
  });
  expect(run.code).toBe(FAIL);
  expect(run.stdout).toMatch(/probe-models transport-refused: not run: target not reached/);
  expect(run.stdout).toMatch(/negative:missing-auth not-sent: not run: target unreachable/);
  expect(run.stdout).toMatch(/ 0 unexpected, /);
  expect(run.stderr).not.toMatch(/internal error/);
});
