import { describe, expect, test } from 'vitest';
import { type Attempt, readFaultSpec } from '../../proxy/index.js';
import { judgeScenario } from './judge.js';
import type { AuditPolicy, AuditScenario, CommandRun } from './types.js';

const base: Attempt = {
  seq: 0,
  route: 'primary',
  startedAt: '2026-06-09T10:00:00.000Z',
  atMs: 0,
  method: 'POST',
  path: '/v1/chat/completions',
  stream: false,
  retryHeaders: {},
  callKey: 'k',
  retrySignals: {},
  requestBytes: 1,
  responseBytes: 1,
  totalMs: 5,
  outcome: 'completed',
  faults: ['status:400'],
  upstream: false,
  status: 400,
};
const run = (exitCode: number): CommandRun => ({
  exitCode,
  signal: null,
  timedOut: false,
  durationMs: 100,
  stdoutTail: '',
  stderrTail: '',
});
const invalid: AuditScenario = {
  name: 'invalid-request',
  kind: 'invalid-request',
  description: 'rejected',
  fault: readFaultSpec('status:400'),
  clause: 'errors.invalid-request',
  area: 'errors',
};
const policy: AuditPolicy = { maxAttempts: 3, maxTotalWaitMs: 10_000, noFallback: true };
const clauseValue = (id: string) =>
  id === 'errors.invalid-request' ? '{"status":400,"retryable":false}' : undefined;

describe('judging a scenario', () => {
  test('one attempt and a failure exit is documented and handled', () => {
    const result = judgeScenario({ scenario: invalid, policy, run: run(1), attempts: [base], clauseValue });
    expect(result.class).toBe('documented-handled');
    expect(result.rules.every((rule) => rule.ok)).toBe(true);
    expect(result.rules.find((rule) => rule.id === 'no-retry-on-invalid-request')?.source).toEqual({
      kind: 'ledger',
      ref: 'errors.invalid-request',
      quote: '{"status":400,"retryable":false}',
    });
  });

  test('a retried invalid request is documented but not handled, citing the clause', () => {
    const attempts = [base, { ...base, seq: 1, atMs: 500 }];
    const result = judgeScenario({ scenario: invalid, policy, run: run(1), attempts, clauseValue });
    expect(result.class).toBe('documented-not-handled');
    expect(result.finding).toMatchObject({
      code: 'no-retry-on-invalid-request',
      clause: 'errors.invalid-request',
    });
    expect(result.delaysMs).toEqual([495]);
  });

  test('a fallback by model switch the ledger does not document is observed, not documented', () => {
    const transient: AuditScenario = {
      ...invalid,
      name: 'upstream-failure-once',
      kind: 'transient',
      fault: readFaultSpec('sequence:1xstatus:503'),
    };
    const attempts = [
      { ...base, model: 'a', status: 503, faults: ['status:503'] },
      { ...base, seq: 1, atMs: 400, model: 'b', status: 200, faults: [] },
    ];
    const result = judgeScenario({ scenario: transient, policy, run: run(0), attempts, clauseValue });
    expect(result.class).toBe('observed-not-documented');
    expect(result.finding).toMatchObject({ code: 'fallback-documented', clause: 'policy.fallback-variable' });
  });

  test('a command that cannot start is not run, with the spawn error as the reason, never unexpected', () => {
    const result = judgeScenario({
      scenario: invalid,
      policy,
      run: { ...run(0), exitCode: null, spawnError: 'spawn /nonexistent/cmd ENOENT' },
      attempts: [],
      clauseValue,
    });
    expect(result.class).toBe('not-run');
    expect(result.finding).toMatchObject({
      class: 'not-run',
      reason: 'the command could not start: spawn /nonexistent/cmd ENOENT',
    });
  });

  test('a baseline that fails with no fault is not run, citing the exit code and the last stderr line', () => {
    const baseline: AuditScenario = {
      ...invalid,
      name: 'baseline',
      kind: 'baseline',
      fault: [],
      clause: null,
      area: 'endpoint',
    };
    const result = judgeScenario({
      scenario: baseline,
      policy,
      run: { ...run(1), stderrTail: 'starting\nError: OPENAI_API_KEY is not set\n' },
      attempts: [],
      clauseValue,
    });
    expect(result.class).toBe('not-run');
    expect(result.finding).toMatchObject({
      reason:
        'without any fault the command exited 1 (stderr: Error: OPENAI_API_KEY is not set); the audit cannot judge a client that fails on its own',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderrLine).toBe('Error: OPENAI_API_KEY is not set');
  });

  test('a baseline the upstream refused names the clause to check, not the client', () => {
    const baseline: AuditScenario = {
      ...invalid,
      name: 'baseline',
      kind: 'baseline',
      fault: [],
      clause: null,
    };
    const outcome = (status: number) =>
      judgeScenario({
        scenario: baseline,
        policy,
        run: run(1),
        attempts: [{ ...base, faults: [], upstream: true, status }],
        clauseValue,
      });
    expect(outcome(401).class).toBe('not-run');
    expect(outcome(401).finding?.message).toContain('the upstream answered 401 to its first request');
    expect(outcome(401).finding?.message).toContain('auth.key-ref');
    expect(outcome(404).finding?.message).toContain('endpoint.base-url');
    expect(outcome(500).finding?.message).toContain('a client that fails on its own');
  });

  test('a fault the client never met is not run rather than passed', () => {
    const stream: AuditScenario = {
      ...invalid,
      name: 'cut-stream',
      kind: 'cut-stream',
      fault: readFaultSpec('only:streamxcut-stream:2'),
    };
    const result = judgeScenario({
      scenario: stream,
      policy,
      run: run(0),
      attempts: [{ ...base, faults: [] }],
      clauseValue,
    });
    expect(result.class).toBe('not-run');
  });

  test("a client that fails on a slow answer is reported in plain words, with its stderr's last line", () => {
    const slow: AuditScenario = {
      ...invalid,
      name: 'slow-answer',
      kind: 'slow',
      fault: readFaultSpec('delay:1000'),
    };
    const result = judgeScenario({
      scenario: slow,
      policy,
      run: { ...run(1), stderrTail: 'starting\nError: socket hang up\n' },
      attempts: [{ ...base, faults: ['delay:1000'], status: 200 }],
      clauseValue,
    });
    expect(result.class).toBe('documented-not-handled');
    expect(result.rules.find((rule) => !rule.ok)?.message).toBe(
      'the client exited 1 on a slow answer well inside the timeout',
    );
    expect(result.stderrLine).toBe('Error: socket hang up');
  });
});
