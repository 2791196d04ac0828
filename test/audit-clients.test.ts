// The client audit against a naive client, a plain curl client and a client with a fallback endpoint.
import { describe, expect, test } from 'vitest';
import { type AuditResult, type AuditScenarioResult, auditClient } from '../src/checks/audit/index.js';
import { EXAMPLES, simulatorContract } from './audit-support.js';

const byName = (result: AuditResult, name: string): AuditScenarioResult => {
  const found = result.scenarios.find((scenario) => scenario.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
};
const failedRule = (scenario: AuditScenarioResult) => scenario.rules.find((r) => !r.ok)?.id;
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

describe('naive client (retries everything three times)', () => {
  test('fails the audit on the rules it breaks', async () => {
    const result = await auditClient(simulatorContract(), {
      command: [process.execPath, `${EXAMPLES}naive-client.mjs`],
      env,
      scenarios: [
        'baseline',
        'invalid-request',
        'bad-auth',
        'rate-limit-retry-after-ms',
        'cut-stream',
        'missing-content',
      ],
    });
    expect(result.passed).toBe(false);
    expect(byName(result, 'baseline').class).toBe('documented-handled');
    expect(byName(result, 'invalid-request')).toMatchObject({ class: 'documented-not-handled', attempts: 4 });
    expect(failedRule(byName(result, 'invalid-request'))).toBe('no-retry-on-invalid-request');
    expect(failedRule(byName(result, 'bad-auth'))).toBe('auth-halts');
    expect(failedRule(byName(result, 'rate-limit-retry-after-ms'))).toBe('honours-retry-after');
    expect(byName(result, 'cut-stream')).toMatchObject({ class: 'documented-not-handled', exitCode: 0 });
    expect(failedRule(byName(result, 'cut-stream'))).toBe('cut-stream-surfaced');
    expect(failedRule(byName(result, 'missing-content'))).toBe('bad-data-surfaced');
  });

  test('runs the same way with --serial', async () => {
    const result = await auditClient(simulatorContract(), {
      command: [process.execPath, `${EXAMPLES}naive-client.mjs`],
      env,
      serial: true,
      scenarios: ['baseline', 'bad-auth'],
    });
    expect(result.scenarios.map((s) => [s.name, s.class])).toEqual([
      ['baseline', 'documented-handled'],
      ['bad-auth', 'documented-not-handled'],
    ]);
  });
});

describe('plain curl client', () => {
  test('is judged like any other client: no retries, but it trusts a truncated body', async () => {
    const result = await auditClient(simulatorContract(), {
      command: ['sh', `${EXAMPLES}curl-client.sh`],
      env,
      scenarios: ['baseline', 'invalid-request', 'upstream-failure-once', 'cut-stream', 'truncated-body'],
    });
    expect(byName(result, 'baseline').class).toBe('documented-handled');
    expect(byName(result, 'invalid-request')).toMatchObject({
      class: 'documented-handled',
      attempts: 1,
      exitCode: 22,
    });
    expect(byName(result, 'upstream-failure-once')).toMatchObject({
      attempts: 1,
      class: 'documented-handled',
    });
    expect(byName(result, 'cut-stream').class).toBe('documented-handled');
    // grep finds "content" in the first half of the JSON: a silent success the audit reports.
    expect(byName(result, 'truncated-body')).toMatchObject({ class: 'documented-not-handled', exitCode: 0 });
  });
});

describe('client with a fallback endpoint', () => {
  test('each attempt records its route, and a fallback on an auth error is flagged', async () => {
    const result = await auditClient(
      simulatorContract({ 'policy.fallback-variable': 'CHATPROOF_FALLBACK_BASE_URL' }),
      {
        command: [process.execPath, `${EXAMPLES}fallback-client.mjs`],
        env,
        scenarios: ['bad-auth', 'upstream-failure-persistent'],
      },
    );
    const auth = byName(result, 'bad-auth');
    expect(auth.log.map((attempt) => attempt.route)).toEqual(['primary', 'fallback']);
    expect(auth.class).toBe('documented-not-handled');
    expect(auth.rules.find((r) => r.id === 'no-fallback-on-invalid-or-auth')?.ok).toBe(false);
    const outage = byName(result, 'upstream-failure-persistent');
    expect(outage.log.map((attempt) => attempt.route)).toEqual(['primary', 'fallback']);
    expect(outage.exitCode).toBe(0);
    expect(outage.rules.find((r) => r.id === 'fallback-documented')?.ok).toBe(true);
  });
});
