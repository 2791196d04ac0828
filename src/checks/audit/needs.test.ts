import { describe, expect, test } from 'vitest';
import { isChatproofError } from '../../errors.js';
import { markBudgetPending, refuseIfAuditBlocked } from './needs.js';
import { auditPolicy } from './policy.js';
import { simulatorContractForUnit } from './scenarios.fixture.js';
import { buildScenarios } from './scenarios.js';
import type { AuditScenario } from './types.js';

const plan = (overrides: Parameters<typeof simulatorContractForUnit>[0]) => {
  const contract = simulatorContractForUnit(overrides);
  const scenarios = markBudgetPending(
    contract,
    buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 }),
  );
  return { contract, scenarios };
};
const refusal = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    if (isChatproofError(error) && error.code === 'E_PLACEHOLDER') return error.message;
    throw error;
  }
  throw new Error('expected an E_PLACEHOLDER refusal');
};
const named = (scenarios: AuditScenario[], name: string) => scenarios.find((s) => s.name === name);

describe('what a pending ledger stops', () => {
  test('a pending model refuses the whole audit and lists every clause to fill', () => {
    const { contract, scenarios } = plan({
      'request.model-id': '<MODEL_ID>',
      'errors.rate-limit': { status: '<S>' },
    });
    const message = refusal(() => refuseIfAuditBlocked(contract, scenarios));
    expect(message).toContain('  - request.model-id');
    expect(message).toContain('  - errors.rate-limit');
    expect(message).not.toContain('errors.bad-auth');
  });

  test('a pending fallback variable refuses the whole audit', () => {
    const { contract, scenarios } = plan({ 'policy.fallback-variable': '<FALLBACK_ENV_VARIABLE>' });
    expect(refusal(() => refuseIfAuditBlocked(contract, scenarios))).toContain('policy.fallback-variable');
  });

  test('a clause some scenarios need makes only those not-run; the rest still run', () => {
    const { contract, scenarios } = plan({ 'policy.max-attempts': '<N>' });
    expect(() => refuseIfAuditBlocked(contract, scenarios)).not.toThrow();
    expect(named(scenarios, 'rate-limit')?.notRun).toMatch(/policy.max-attempts/);
    expect(named(scenarios, 'upstream-failure-persistent')?.notRun).toMatch(/policy.max-attempts/);
    expect(named(scenarios, 'baseline')?.notRun).toBeUndefined();
    expect(named(scenarios, 'invalid-request')?.notRun).toBeUndefined();
  });

  test('refuses when every selected scenario is blocked, naming what blocks them', () => {
    const { contract, scenarios } = plan({ 'errors.rate-limit': { status: '<S>' } });
    const selected = scenarios.filter((s) => s.kind === 'rate-limit');
    expect(refusal(() => refuseIfAuditBlocked(contract, selected))).toContain('errors.rate-limit');
  });

  test('the caller can add a clause it relies on, such as the target URL', () => {
    const { contract, scenarios } = plan({ 'endpoint.base-url': '<BASE_URL>' });
    expect(() => refuseIfAuditBlocked(contract, scenarios)).not.toThrow();
    expect(refusal(() => refuseIfAuditBlocked(contract, scenarios, ['endpoint.base-url']))).toContain(
      'endpoint.base-url',
    );
  });
});

describe('what blocks a scenario is data', () => {
  test('a scenario blocked by a pending clause names it; its reason text is never searched', () => {
    const { scenarios } = plan({ 'errors.rate-limit': '<RATE_LIMIT_FROM_DOCS>' });
    const rate = named(scenarios, 'rate-limit');
    expect(rate?.blockedBy).toEqual(['errors.rate-limit']);
    // The same scenario without the data: its reason still names the clause, but that text is not read.
    const { contract } = plan({ 'errors.rate-limit': '<RATE_LIMIT_FROM_DOCS>' });
    const { blockedBy: _, ...unnamed } = rate!;
    expect(refusal(() => refuseIfAuditBlocked(contract, [rate!]))).toContain('errors.rate-limit');
    expect(() => refuseIfAuditBlocked(contract, [unnamed])).not.toThrow();
  });
});
