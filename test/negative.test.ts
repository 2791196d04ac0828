import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runNegative } from '../src/checks/index.js';
import type { CheckName, Finding } from '../src/classify/index.js';
import { CLAUSE, type JsonValue, renderLedgerYaml } from '../src/contract/index.js';
import { CHECKS, expectationClause } from '../src/plan/index.js';
import { runCli } from './helpers/cli.js';
import { clauseOf, ENV, PROFILES, type Simulated, setValue, simulated } from './probe-support.js';

const CASES = CHECKS.filter((spec) => spec.kind === 'negative');

let current: Simulated | undefined;
let dir: string | undefined;
let server: Server | undefined;
afterEach(async () => {
  await current?.sim.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  current = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A server that gives every request the same answer, on 127.0.0.1 port 0. */
async function scripted(status: number, headers: Record<string, string>, body: string): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

const codes = (findings: Finding[], check: CheckName) =>
  findings.filter((f) => f.check === check).map((f) => `${f.code}:${f.class}`);

test('the suite covers the seed’s provider-facing cases', () => {
  expect(CASES.map((c) => c.id)).toEqual([
    'negative:missing-auth',
    'negative:invalid-key',
    'negative:malformed-json',
    'negative:missing-model',
    'negative:unknown-model',
    'negative:temperature-out-of-range',
    'negative:empty-messages',
    'negative:invalid-role',
    'negative:wrong-path',
  ]);
});

describe.each(PROFILES)('negative suite against the %s simulator', (profile) => {
  test('a target that matches the ledger: every case is documented and handled', async () => {
    current = await simulated(profile);
    const result = await runNegative(current.contract(), { env: ENV });
    expect(result.cases).toHaveLength(CASES.length);
    for (const spec of CASES) {
      expect(codes(result.findings, spec.id)).toContain('status-matches:documented-handled');
    }
    // Besides: the media type of an error status OpenAI's document never lists (it lists the 429) is seen only.
    const seen = result.findings.filter((f) => f.class === 'observed-not-documented');
    expect(seen.every((f) => f.code === 'media-type-undocumented')).toBe(true);
    expect(seen.length > 0).toBe(profile === 'openai');
    // And what a profile's documents leave unsaid (CometAPI: no header, no error media type) is not judged.
    const unsaid = result.findings.filter((f) => f.class === 'not-run' && f.code === 'not-stated');
    expect(unsaid.map((f) => f.clause).sort()).toEqual(
      profile === 'cometapi' ? ['response.headers', 'response.media-types'] : [],
    );
    expect(
      result.findings.filter(
        (f) => f.class !== 'documented-handled' && !seen.includes(f) && !unsaid.includes(f),
      ),
    ).toEqual([]);
    // Retryability is recorded with every status judgement.
    const status = result.findings.find((f) => f.code === 'status-matches');
    expect(status?.evidence.expected).toMatchObject({ retryable: false });
  });

  test.each(CASES.map((c) => c.id))('%s: a ledger that says otherwise is caught', async (check) => {
    current = await simulated(profile);
    const spec = CASES.find((c) => c.id === check);
    const clause = spec ? expectationClause(spec) : undefined;
    if (!clause) throw new Error('no clause');
    const original = clauseOf(current.ledger, clause).value as Record<string, JsonValue>;
    const matching = await runNegative(current.contract(), { env: ENV, only: [check] });
    expect(codes(matching.findings, check)).toContain('status-matches:documented-handled');

    // Status: a value the target does not send.
    setValue(current.ledger, clause, { ...original, status: 418 });
    const status = await runNegative(current.contract(), { env: ENV, only: [check] });
    expect(codes(status.findings, check)).toContain('status-mismatch:unexpected');
    const mismatch = status.findings.find((f) => f.code === 'status-mismatch');
    expect(mismatch?.evidence.observed).toMatchObject({ status: matching.cases[0]?.status });

    // A list of statuses that includes the observed one matches.
    setValue(current.ledger, clause, { ...original, status: [418, matching.cases[0]?.status ?? 0] });
    const list = await runNegative(current.contract(), { env: ENV, only: [check] });
    expect(codes(list.findings, check)).toContain('status-matches:documented-handled');

    // Body kind: the opposite of what the target sends.
    const kind = original.body ?? 'json';
    setValue(current.ledger, clause, { ...original, body: kind === 'json' ? 'html' : 'json' });
    const body = await runNegative(current.contract(), { env: ENV, only: [check] });
    expect(codes(body.findings, check)).toContain('body-kind-mismatch:unexpected');

    if (kind === 'json') {
      setValue(current.ledger, clause, { ...original, type: 'chatproof-not-this-type' });
      const type = await runNegative(current.contract(), { env: ENV, only: [check] });
      expect(codes(type.findings, check)).toContain('error-type-mismatch:unexpected');
    }
  });

  test('an envelope key the target does not send is caught; keys it adds are observed, not contracted', async () => {
    current = await simulated(profile);
    const envelope = clauseOf(current.ledger, CLAUSE.errorEnvelope).value as {
      wrapper: string;
      keys: string[];
    };
    setValue(current.ledger, CLAUSE.errorEnvelope, {
      wrapper: envelope.wrapper,
      keys: [...envelope.keys.slice(1), 'trace'],
    });
    const result = await runNegative(current.contract(), { env: ENV, only: ['negative:missing-model'] });
    expect(codes(result.findings, 'negative:missing-model')).toEqual(
      expect.arrayContaining([
        'envelope-keys-missing:unexpected',
        'envelope-keys-undocumented:observed-not-documented',
      ]),
    );
  });
});

describe('negative suite preconditions', () => {
  test('a pending expectation skips only its own case', async () => {
    current = await simulated('cometapi');
    setValue(current.ledger, CLAUSE.invalidModel, {
      status: '<INVALID_MODEL_STATUS_FROM_DOCS>',
      retryable: false,
    });
    const result = await runNegative(current.contract(), { env: ENV });
    expect(result.cases).toHaveLength(CASES.length - 1);
    expect(result.pending).toEqual([CLAUSE.invalidModel]);
    expect(codes(result.findings, 'negative:unknown-model')).toEqual(['clauses-pending:not-run']);
  });

  test('a 429 on the model list stops the suite before any case is sent', async () => {
    current = await simulated('cometapi');
    // The simulator validates before it injects faults, so a scripted server plays the rate-limited target.
    const url = await scripted(
      429,
      { 'retry-after': '2' },
      '{"error":{"message":"slow down","type":"comet_api_error","param":"","code":""}}',
    );
    const result = await runNegative(current.contract(), { env: ENV, baseUrl: url });
    // The first request is the model list, asked before any case: it meets the 429 and nothing else is sent.
    expect(result.budget?.used.requests).toBe(1);
    // Beside it: what CometAPI leaves unsaid (no response header, no error media type) is recorded, not judged,
    // and the 429's body is judged as the error answer it is.
    expect(codes(result.findings, 'probe-models')).toEqual([
      'not-stated:not-run',
      'not-stated:not-run',
      'meaning-matches:documented-handled',
      'rate-limited:documented-handled',
    ]);
    const limited = result.findings.find((f) => f.code === 'rate-limited');
    expect(limited?.evidence.observed).toMatchObject({ status: 429, retryAfter: '2' });
    const rest = result.findings.filter((f) => f.check !== 'probe-models');
    expect(rest.map((f) => `${f.code}:${f.class}`)).toEqual(Array(CASES.length).fill('not-sent:not-run'));
  });

  test('an x-should-retry header that contradicts the ledger’s retryability is unexpected', async () => {
    current = await simulated('cometapi');
    const url = await scripted(
      400,
      { 'x-should-retry': 'true' },
      '{"error":{"message":"bad","type":"comet_api_error","param":"","code":""}}',
    );
    const result = await runNegative(current.contract(), {
      env: ENV,
      baseUrl: url,
      only: ['negative:malformed-json'],
    });
    expect(codes(result.findings, 'negative:malformed-json')).toEqual(
      expect.arrayContaining(['status-matches:documented-handled', 'retryability-mismatch:unexpected']),
    );
  });

  test('chatproof negative refuses with exit 64 when the target is pending, and runs otherwise', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-negative-'));
    current = await simulated('openai');
    setValue(current.ledger, CLAUSE.invalidRequest, { status: '<S>', retryable: false });
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const partial = await runCli(['negative', '--json'], { cwd: dir, env: ENV });
    // Five cases need errors.invalid-request: not run, so the exit is 1 (never a pass).
    expect(partial.code).toBe(1);
    const document = JSON.parse(partial.stdout);
    expect(document).toMatchObject({
      schemaVersion: 1,
      command: 'negative',
      pending: [CLAUSE.invalidRequest],
    });
    expect(document.cases).toHaveLength(4);

    setValue(current.ledger, CLAUSE.authHeader, '<AUTH_HEADER_FROM_DOCS>');
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const refused = await runCli(['negative'], { cwd: dir, env: ENV });
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain(CLAUSE.authHeader);
  });
});
