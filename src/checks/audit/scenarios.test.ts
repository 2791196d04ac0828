import { describe, expect, test } from 'vitest';
import { auditPolicy } from './policy.js';
import { simulatorContractForUnit } from './scenarios.fixture.js';
import { buildScenarios, streamContentPath } from './scenarios.js';

describe('scenario catalogue', () => {
  test('error scenarios take their status and code from the ledger', () => {
    const contract = simulatorContractForUnit({});
    const scenarios = buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 });
    const fiveHundred = scenarios.find((s) => s.name === 'invalid-request-5xx');
    expect(fiveHundred?.fault).toMatch(/^status:500:invalid_request/);
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
  });

  test('a pending clause makes its scenario not-run, never a guess', () => {
    const contract = simulatorContractForUnit({
      'errors.invalid-request-5xx': { status: '<S>', retryable: false },
    });
    const scenarios = buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 });
    expect(scenarios.find((s) => s.name === 'invalid-request-5xx')?.notRun).toMatch(
      /errors.invalid-request-5xx/,
    );
  });

  test('the timeout scenario runs only when the policy timeout fits in the time limit', () => {
    const contract = simulatorContractForUnit({ 'policy.timeout-ms': 1_000 });
    const fits = buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 });
    expect(fits.find((s) => s.name === 'timeout')).toMatchObject({
      fault: 'sequence:1xhang:3000',
      hangMs: 3000,
    });
    const tight = buildScenarios(contract, auditPolicy(contract), { limitMs: 2_000 });
    expect(tight.find((s) => s.name === 'timeout')?.notRun).toMatch(/time limit/);
  });

  test('derives the stream content path', () => {
    expect(streamContentPath('choices[0].message.content')).toBe('choices[].delta.content');
  });
});
