// The client audit against the real `openai` SDK (examples/openai-client.mjs), through the simulator.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type AuditResult,
  type AuditRuleId,
  type AuditScenarioResult,
  auditClient,
} from '../src/checks/audit/index.js';
import type { Attempt } from '../src/proxy/index.js';
import { DEMO_KEY } from '../src/simulator/index.js';
import { EXAMPLES, simulatorContract } from './audit-support.js';

const byName = (result: AuditResult, name: string): AuditScenarioResult => {
  const found = result.scenarios.find((scenario) => scenario.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
};
const rule = (scenario: AuditScenarioResult, id: AuditRuleId) => scenario.rules.find((r) => r.id === id);
const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...extra,
});

/** Per retry of the scenario's first call: ms from the previous answer's headers to the next attempt's arrival. */
function waitsSinceHeaders(dir: string, scenario: string): number[] {
  const attempts = readFileSync(join(dir, `${scenario}.attempts.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Attempt);
  const first = attempts.filter((attempt) => attempt.callKey === attempts[0]?.callKey);
  return first.slice(1).map((next, index) => {
    const previous = first[index]!;
    return next.atMs - (previous.atMs + (previous.headersMs ?? Number.NaN));
  });
}

describe('openai SDK with its defaults', () => {
  let result: AuditResult;
  let logDir: string;
  beforeAll(() => {
    logDir = mkdtempSync(join(tmpdir(), 'chatproof-audit-openai-'));
  });
  afterAll(() => rmSync(logDir, { recursive: true, force: true }));
  test('is audited as its documented retry behaviour predicts', async () => {
    result = await auditClient(simulatorContract(), {
      command: [process.execPath, `${EXAMPLES}openai-client.mjs`],
      env: env(),
      logDir,
    });
    // Two logical calls (JSON, then stream), each sent once: attempts counts per call, so 1, never 2.
    expect(byName(result, 'baseline')).toMatchObject({
      class: 'documented-handled',
      attempts: 1,
      totalAttempts: 2,
      calls: [
        { stream: false, attempts: 1, delaysMs: [] },
        { stream: true, attempts: 1, delaysMs: [] },
      ],
    });
    // Not retried: 400, 401, 403, 404, 422.
    for (const name of [
      'invalid-request',
      'unknown-model',
      'unprocessable-422',
      'bad-auth',
      'forbidden-403',
    ]) {
      const scenario = byName(result, name);
      expect({ name, attempts: scenario.attempts, cls: scenario.class }).toEqual({
        name,
        attempts: 1,
        cls: 'documented-handled',
      });
      expect(scenario.exitCode).not.toBe(0);
    }
    // The finding: it retries a 500 whose code says invalid_request, which CometAPI documents as not retryable.
    const fiveHundred = byName(result, 'invalid-request-5xx');
    expect(fiveHundred.class).toBe('documented-not-handled');
    expect(fiveHundred.attempts).toBe(3);
    expect(rule(fiveHundred, 'no-retry-on-invalid-request')).toMatchObject({
      ok: false,
      source: { kind: 'ledger', ref: 'errors.invalid-request-5xx' },
    });
    expect(fiveHundred.finding).toMatchObject({
      class: 'documented-not-handled',
      clause: 'errors.invalid-request-5xx',
    });
    // 5xx retried twice with growing backoff (0.5 s · 2ⁿ with up to 25 % jitter).
    const persistent = byName(result, 'upstream-failure-persistent');
    expect(persistent.attempts).toBe(3);
    expect(persistent.delaysMs).toHaveLength(2);
    // The SDK starts its wait when it has the answer's headers, so the bound is measured from when the proxy
    // wrote them (at least 375 ms: 500 ms less 25 % jitter), not from the answer's recorded end, which a loaded
    // proxy records late.
    const waits = waitsSinceHeaders(logDir, 'upstream-failure-persistent');
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(374); // less 1 ms of timer granularity
    expect(waits[1]).toBeGreaterThanOrEqual(749);
    // 408, 429 and transient failures are retried once, then the call succeeds.
    for (const name of [
      'request-timeout-408',
      'upstream-failure-once',
      'upstream-timeout-once',
      'rate-limit',
      'reset-before-headers',
    ]) {
      const scenario = byName(result, name);
      expect({ name, exit: scenario.exitCode, cls: scenario.class }).toEqual({
        name,
        exit: 0,
        cls: 'documented-handled',
      });
      // The JSON call is sent twice (one retry, one wait), then the stream call once.
      expect({ name, calls: scenario.calls.map((c) => [c.stream, c.attempts, c.delaysMs.length]) }).toEqual({
        name,
        calls: [
          [false, 2, 1],
          [true, 1, 0],
        ],
      });
      expect(scenario.attempts).toBe(2);
      expect(scenario.totalAttempts).toBe(3);
    }
    // Retry signals are honoured: seconds, HTTP date, and retry-after-ms (read first). Measured from the
    // headers that carried the signal, as the SDK's timer is, not from the answer's recorded end.
    expect(waitsSinceHeaders(logDir, 'rate-limit-retry-after')[0]).toBeGreaterThanOrEqual(999);
    expect(waitsSinceHeaders(logDir, 'rate-limit-retry-after-ms')[0]).toBeGreaterThanOrEqual(1199);
    // The proxy rounds the date up to its whole second, computed just before the headers are written.
    expect(waitsSinceHeaders(logDir, 'rate-limit-retry-after-date')[0]).toBeGreaterThanOrEqual(1900);
    for (const name of [
      'rate-limit-retry-after',
      'rate-limit-retry-after-ms',
      'rate-limit-retry-after-date',
    ]) {
      expect(rule(byName(result, name), 'honours-retry-after')?.ok).toBe(true);
    }
    expect(byName(result, 'should-retry-false').attempts).toBe(1);
    // The example checks finish_reason, so a cut stream is reported; bad data is never silently accepted.
    for (const name of [
      'cut-stream',
      'reset-mid-stream',
      'truncated-body',
      'missing-content',
      'null-content',
    ]) {
      expect({ name, cls: byName(result, name).class }).toEqual({ name, cls: 'documented-handled' });
    }
    // The 10-minute default timeout cannot be judged inside a 30 s scenario: not-run, never a pass.
    expect(byName(result, 'timeout')).toMatchObject({ class: 'not-run' });
    expect(result.passed).toBe(false);
    for (const finding of result.findings) expect(JSON.stringify(finding)).not.toContain(DEMO_KEY);
  });
});

describe('openai SDK with maxRetries 0', () => {
  test('makes one attempt per call and passes the audit', async () => {
    const result = await auditClient(simulatorContract(), {
      command: [process.execPath, `${EXAMPLES}openai-client.mjs`],
      env: env({ CHATPROOF_MAX_RETRIES: '0' }),
      scenarios: [
        'baseline',
        'invalid-request-5xx',
        'rate-limit-retry-after',
        'upstream-failure-persistent',
        'cut-stream',
      ],
    });
    for (const scenario of result.scenarios) {
      expect({ name: scenario.name, cls: scenario.class }).toEqual({
        name: scenario.name,
        cls: 'documented-handled',
      });
      expect(scenario.delaysMs).toEqual([]);
    }
    expect(byName(result, 'invalid-request-5xx').attempts).toBe(1);
    expect(result.passed).toBe(true);
  });
});

describe('client timeouts', () => {
  test('a client that gives up within policy.timeout-ms passes; one that waits on fails', async () => {
    const contract = simulatorContract({ 'policy.timeout-ms': 800 });
    const options = {
      command: [process.execPath, `${EXAMPLES}openai-client.mjs`],
      scenarios: ['timeout'],
      limitMs: 10_000,
    };
    const [patient, bounded] = await Promise.all([
      auditClient(contract, { ...options, env: env() }),
      auditClient(contract, { ...options, env: env({ CHATPROOF_TIMEOUT_MS: '400' }) }),
    ]);
    const waited = patient.scenarios[0]!;
    expect(waited.class).toBe('documented-not-handled');
    expect(rule(waited, 'gives-up-within-timeout')?.ok).toBe(false);
    const gaveUp = bounded.scenarios[0]!;
    expect(gaveUp.class).toBe('documented-handled');
    expect(rule(gaveUp, 'gives-up-within-timeout')?.ok).toBe(true);
    expect(gaveUp.log[0]?.outcome).toBe('client-closed');
  });
});

describe('409 Conflict, when the ledger lists it', () => {
  test('the SDK retries a 409: handled where the ledger calls it retryable, flagged where it does not', async () => {
    const options = {
      command: [process.execPath, `${EXAMPLES}openai-client.mjs`],
      env: env(),
      scenarios: ['conflict-409'],
    };
    const [retryable, final] = await Promise.all([
      auditClient(
        simulatorContract({
          'errors.upstream-failure': { status: [502, 409], retryable: true, body: 'json' },
        }),
        options,
      ),
      auditClient(
        simulatorContract({
          'errors.invalid-request': { status: [400, 409], retryable: false, body: 'json' },
        }),
        options,
      ),
    ]);
    expect(byName(retryable, 'conflict-409')).toMatchObject({ class: 'documented-handled', attempts: 2 });
    const flagged = byName(final, 'conflict-409');
    expect(flagged.class).toBe('documented-not-handled');
    expect(rule(flagged, 'no-retry-on-invalid-request')).toMatchObject({
      ok: false,
      source: { kind: 'ledger', ref: 'errors.invalid-request' },
    });
  });
});
