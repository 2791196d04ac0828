import { describe, expect, test } from 'vitest';
import type { Contract } from '../../contract/index.js';
import { formatFaultSpec, readFaultSpec } from '../../proxy/index.js';
import { auditPolicy } from './policy.js';
import { simulatorContractForUnit } from './scenarios.fixture.js';
import { buildScenarios, streamContentPath } from './scenarios.js';

/** The scenarios with each fault in its text form, as the audit reports it. */
const shown = (contract: Contract, limitMs = 30_000, defaultLimit = false) =>
  buildScenarios(contract, auditPolicy(contract), { limitMs, defaultLimit }).map((s) => ({
    ...s,
    fault: formatFaultSpec(s.fault),
  }));

describe('scenario catalogue', () => {
  test('error scenarios take their status and code from the ledger', () => {
    const contract = simulatorContractForUnit({});
    const scenarios = buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 });
    const fiveHundred = shown(contract).find((s) => s.name === 'invalid-request-5xx');
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
    const fits = shown(contract);
    expect(fits.find((s) => s.name === 'timeout')).toMatchObject({
      fault: 'sequence:1xhang:3000',
      hangMs: 3000,
    });
    const tight = buildScenarios(contract, auditPolicy(contract), { limitMs: 2_000 });
    // Right for every caller: audit-client sets the limit with --timeout, review and demo with audit.timeoutMs.
    expect(tight.find((s) => s.name === 'timeout')?.notRun).toBe(
      'policy.timeout-ms (1000 ms) does not fit in the scenario time limit (2000 ms); raise the scenario time limit (audit-client --timeout, or audit.timeoutMs in the ledger) above policy.timeout-ms + 2000 ms to judge it',
    );
  });

  test('a policy timeout equal to the default limit stretches the timeout scenario, never a chosen limit', () => {
    const contract = simulatorContractForUnit({ 'policy.timeout-ms': 30_000 });
    const policy = auditPolicy(contract);
    const byDefault = shown(contract, 30_000, true);
    expect(byDefault.find((s) => s.name === 'timeout')).toMatchObject({
      fault: 'sequence:1xhang:32000',
      hangMs: 32_000,
      limitMs: 62_000,
    });
    expect(byDefault.find((s) => s.name === 'timeout')?.notRun).toBeUndefined();
    // Only that scenario gets the longer limit.
    expect(byDefault.filter((s) => s.limitMs !== undefined).map((s) => s.name)).toEqual(['timeout']);
    const chosen = buildScenarios(contract, policy, { limitMs: 30_000 });
    expect(chosen.find((s) => s.name === 'timeout')?.notRun).toMatch(/does not fit/);
    // The SDK's 10-minute default stays not run: stretching the audit by ten minutes is no default.
    const long = simulatorContractForUnit({ 'policy.timeout-ms': 600_000 });
    const sdk = buildScenarios(long, auditPolicy(long), { limitMs: 30_000, defaultLimit: true });
    expect(sdk.find((s) => s.name === 'timeout')?.notRun).toMatch(/raise the scenario time limit/);
  });

  test('a 409 scenario exists only when an error clause lists 409, and follows its retryable flag', () => {
    const plain = simulatorContractForUnit({});
    expect(buildScenarios(plain, auditPolicy(plain), { limitMs: 30_000 }).map((s) => s.name)).not.toContain(
      'conflict-409',
    );
    const retryable = simulatorContractForUnit({
      'errors.upstream-failure': { status: [502, 409], retryable: true, body: 'json' },
    });
    expect(shown(retryable).find((s) => s.name === 'conflict-409')).toMatchObject({
      kind: 'transient',
      fault: 'sequence:1xstatus:409',
      clause: 'errors.upstream-failure',
    });
    const final = simulatorContractForUnit({
      'errors.invalid-request': {
        status: [400, 409],
        retryable: false,
        code: 'invalid_request',
        body: 'json',
      },
    });
    expect(shown(final).find((s) => s.name === 'conflict-409')).toMatchObject({
      kind: 'invalid-request',
      fault: 'status:409:invalid_request',
      clause: 'errors.invalid-request',
    });
  });

  test('every fault is data whose text form reads back to the same data (what --fault would take)', () => {
    const contract = simulatorContractForUnit({});
    const scenarios = buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 });
    expect(scenarios.filter((s) => s.fault.length > 0).length).toBeGreaterThan(15);
    for (const scenario of scenarios)
      if (scenario.fault.length > 0)
        expect(readFaultSpec(formatFaultSpec(scenario.fault)), scenario.name).toEqual(scenario.fault);
  });

  test('derives the stream content path', () => {
    expect(streamContentPath('choices[0].message.content')).toBe('choices[].delta.content');
  });
});
