import { describe, expect, test } from 'vitest';
import { AUDIT_SCENARIO_NAMES } from '../checks/audit/codes.js';
import { auditPolicy } from '../checks/audit/policy.js';
import { simulatorContractForUnit } from '../checks/audit/scenarios.fixture.js';
import { buildScenarios } from '../checks/audit/scenarios.js';
import { NEGATIVE_CASES } from '../checks/negative/codes.js';
import { PROBE_CHECKS } from '../checks/probe/codes.js';
import { CHECKS } from '../plan/checks.js';
import {
  auditCheck,
  auditScenario,
  CHECK_FAMILIES,
  checkFamily,
  isCheckName,
  negativeCase,
  negativeCheck,
  parseCheck,
  trafficCheck,
} from './check-names.js';

describe('check names', () => {
  test('the plan runs every negative case of the table, in its order, and no other', () => {
    const planned = CHECKS.filter((spec) => spec.kind === 'negative').map((spec) => spec.id);
    expect(planned).toEqual(NEGATIVE_CASES.map(negativeCheck));
  });

  test('the audit builds its scenarios under names of the table, and every name but the 409 one by default', () => {
    const contract = simulatorContractForUnit({});
    const built = buildScenarios(contract, auditPolicy(contract), { limitMs: 30_000 }).map((s) => s.name);
    expect(AUDIT_SCENARIO_NAMES.filter((name) => !built.includes(name))).toEqual(['conflict-409']);
  });

  test('each name reads back to its family and member', () => {
    for (const check of PROBE_CHECKS) expect(parseCheck(check)).toEqual({ family: 'probe', check });
    expect(parseCheck('negative:missing-auth')).toEqual({ family: 'negative', case: 'missing-auth' });
    expect(negativeCase(negativeCheck('wrong-path'))).toBe('wrong-path');
    expect(auditScenario(auditCheck('timeout'))).toBe('timeout');
    expect(parseCheck(trafficCheck('errors.bad-auth'))).toEqual({
      family: 'traffic',
      clause: 'errors.bad-auth',
    });
    expect(parseCheck(trafficCheck(null))).toEqual({ family: 'traffic', clause: null });
    // Every family is also a name: the review step's own not-run finding.
    for (const family of CHECK_FAMILIES) expect(checkFamily(family)).toBe(family);
    expect(negativeCase('negative')).toBeUndefined();
    expect(auditScenario('audit')).toBeUndefined();
  });

  test('a name no check has reads as none, whatever its prefix (a stored packet holds plain strings)', () => {
    for (const name of [
      'probe:endpoint',
      'probe-x',
      'negative:x',
      'audit:500-invalid-request',
      'scan:x',
      '',
      'x',
    ]) {
      expect(parseCheck(name), name).toBeUndefined();
      expect(isCheckName(name), name).toBe(false);
      expect(checkFamily(name), name).toBeUndefined();
    }
    expect(negativeCase('audit:missing-auth')).toBeUndefined();
    expect(auditScenario('negative:timeout')).toBeUndefined();
  });
});
