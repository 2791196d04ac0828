import { describe, expect, test } from 'vitest';
import { CLAUSE, initialLedger, LedgerSchema, toContract } from '../contract/index.js';
import { classFor, classifyFinding, notRun } from './classify.js';
import { findingsExitCode, summarize } from './output.js';

function contract(implemented: boolean) {
  const ledger = LedgerSchema.parse(initialLedger());
  const clause = ledger.clauses.find((c) => c.id === CLAUSE.badAuth);
  if (clause) {
    clause.value = { status: 401, retryable: false };
    if (implemented) clause.implementation = [{ kind: 'code', location: 'src/errors.ts:12' }];
  }
  return toContract(ledger);
}

describe('classification', () => {
  test('matching the source is handled only with real implementation evidence', () => {
    expect(classFor('matches', contract(true).clause(CLAUSE.badAuth))).toBe('documented-handled');
    // initialLedger writes placeholder locations like <CODE_LOCATION>: that is no evidence.
    expect(classFor('matches', contract(false).clause(CLAUSE.badAuth))).toBe('documented-not-handled');
    expect(classFor('matches', undefined)).toBe('documented-not-handled');
  });

  test('a contradiction is unexpected and silence is observed-not-documented, evidence or not', () => {
    for (const implemented of [true, false]) {
      const clause = contract(implemented).clause(CLAUSE.badAuth);
      expect(classFor('contradicts', clause)).toBe('unexpected');
      expect(classFor('silent', clause)).toBe('observed-not-documented');
    }
  });

  test('a judged finding takes its area from the clause', () => {
    const finding = classifyFinding(contract(true), {
      check: 'negative:missing-auth',
      area: 'response',
      clause: CLAUSE.badAuth,
      code: 'status-matches',
      message: '401 as documented',
      judgement: 'matches',
    });
    expect(finding).toMatchObject({ class: 'documented-handled', area: 'errors', clause: CLAUSE.badAuth });
  });

  test('not-run carries its reason and never counts as a pass', () => {
    const skipped = notRun({
      check: 'probe',
      area: 'response',
      clause: null,
      code: 'clause-pending',
      reason: 'x',
    });
    expect(skipped).toMatchObject({ class: 'not-run', reason: 'x' });
    // A code no check's table lists is a compile error (`tsc` checks the tests too).
    // @ts-expect-error
    notRun({ check: 'probe', area: 'response', clause: null, code: 'pending', reason: 'x' });
    expect(findingsExitCode([skipped])).toBe(1);
    expect(summarize([skipped])['not-run']).toBe(1);
  });

  test('exit code: unexpected escalates (2), not-handled fails (1), handled and observed pass (0)', () => {
    const c = contract(false);
    const base = {
      check: 'probe' as const,
      area: 'errors' as const,
      clause: CLAUSE.badAuth,
      code: 'status-matches' as const,
      message: 'm',
    };
    const of = (judgement: 'matches' | 'contradicts' | 'silent') =>
      classifyFinding(c, { ...base, judgement });
    expect(findingsExitCode([of('silent')])).toBe(0);
    expect(findingsExitCode([of('matches'), of('silent')])).toBe(1);
    expect(findingsExitCode([of('matches'), of('contradicts')])).toBe(2);
  });
});
