import { describe, expect, test } from 'vitest';
import type { Finding, JudgedFinding } from '../src/classify/types.js';
import { CLAUSE, initialLedger, type Ledger, parseLedger, renderLedgerYaml } from '../src/contract/index.js';
import { judge, RULES, type VerdictInput } from '../src/verdict/index.js';
import { handledFindings, testContract, testLedger, withClause } from './builders.js';

const TODAY = '2026-06-10';

function input(ledger: Ledger = testLedger(), findings: Finding[] = handledFindings()): VerdictInput {
  return { contract: testContract(ledger), findings, today: TODAY };
}

function ruleStatus(result: ReturnType<typeof judge>, id: string) {
  return result.rules.find((rule) => rule.id === id)?.status;
}

/** What every test finding shares unless it says otherwise: an audit scenario's finding, on no clause. */
const BASE = {
  check: 'audit:invalid-request',
  area: 'errors',
  clause: null,
  message: 'something was observed',
  evidence: {},
} as const satisfies Omit<JudgedFinding, 'class' | 'code'>;

/** A finding of the given class and code, the rest from BASE. */
const finding = (over: Partial<Finding> & Pick<Finding, 'class' | 'code'>): Finding =>
  over.class === 'not-run'
    ? { ...BASE, reason: 'the target was unreachable', ...over }
    : { ...BASE, ...over };

describe('the baseline', () => {
  test('a complete, sourced, validated ledger passes with every pass condition as a reason', () => {
    const result = judge(input());
    expect(result.verdict).toBe('pass');
    expect(result.rules.every((rule) => rule.status === 'satisfied')).toBe(true);
    expect(result.reasons.map((reason) => reason.rule)).toEqual([
      'review-complete',
      'area-source-evidence',
      'area-implementation-evidence',
      'area-validated-results',
    ]);
  });

  test('every rule quotes the operator review', () => {
    for (const rule of RULES) expect(rule.seed.length).toBeGreaterThan(20);
  });

  test('a fresh ledger from init never passes: pending clauses are not evidence', () => {
    const ledger = parseLedger(renderLedgerYaml(initialLedger()), 'chatproof.yaml');
    const result = judge(input(ledger, handledFindings()));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.map((r) => r.rule)).toContain('area-source-evidence');
    expect(result.reasons.map((r) => r.rule)).toContain('contract-owned');
  });
});

describe('review-complete', () => {
  test('an interrupted review is never a pass', () => {
    const result = judge({ ...input(), incomplete: true });
    expect(result.verdict).toBe('fail');
    expect(result.incomplete).toBe(true);
    expect(result.reasons[0]?.rule).toBe('review-complete');
  });
});

describe('area-source-evidence', () => {
  test('a pending clause blocks a pass and is named', () => {
    const ledger = withClause(testLedger(), CLAUSE.modelId, (c) => ({
      ...c,
      value: '<VALIDATED_MODEL_ID>',
    }));
    const result = judge(input(ledger));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.find((r) => r.rule === 'area-source-evidence')?.clauses).toEqual([CLAUSE.modelId]);
  });

  test('a catalogue clause absent from the ledger counts as pending', () => {
    const ledger = withClause(testLedger(), CLAUSE.streamDone, () => undefined);
    expect(ruleStatus(judge(input(ledger)), 'area-source-evidence')).toBe('violated');
  });

  test('a documented clause without a quote has no source evidence', () => {
    const ledger = withClause(testLedger(), CLAUSE.roles, (c) => ({
      ...c,
      source: { ref: 'chat-api-docs' },
    }));
    expect(ruleStatus(judge(input(ledger)), 'area-source-evidence')).toBe('violated');
  });
});

describe('area-implementation-evidence', () => {
  test('satisfied when every clause names an artifact', () => {
    expect(ruleStatus(judge(input()), 'area-implementation-evidence')).toBe('satisfied');
  });

  test('a clause whose only evidence is a placeholder blocks a pass', () => {
    const ledger = withClause(testLedger(), CLAUSE.contentPath, (c) => ({
      ...c,
      implementation: [{ kind: 'code', location: '<CODE_LOCATION>' }],
    }));
    const result = judge(input(ledger));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.find((r) => r.rule === 'area-implementation-evidence')?.clauses).toEqual([
      CLAUSE.contentPath,
    ]);
  });
});

describe('area-validated-results', () => {
  test('an area no check validated blocks a pass', () => {
    const findings = handledFindings().filter((f) => f.area !== 'support');
    const result = judge(input(testLedger(), findings));
    expect(result.verdict).toBe('fail');
    expect(result.rules.find((r) => r.id === 'area-validated-results')?.items[0]?.ref).toBe('support');
  });

  test('a clause validated outside chatproof validates its area', () => {
    const ledger = withClause(testLedger(), CLAUSE.escalationPath, (c) => ({
      ...c,
      validated: { on: '2026-06-09', evidence: 'help center page read by the reviewer' },
    }));
    const findings = handledFindings().filter((f) => f.area !== 'support');
    expect(judge(input(ledger, findings)).verdict).toBe('pass');
  });

  test('a check that did not run never counts as a pass', () => {
    const findings = [
      ...handledFindings(),
      finding({ class: 'not-run', area: 'response', check: 'probe-stream', code: 'clause-pending' }),
    ];
    const result = judge(input(testLedger(), findings));
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]?.findings).toEqual(['probe-stream:clause-pending']);
  });

  test('a documented case the application does not handle blocks a pass', () => {
    const findings = [
      ...handledFindings(),
      finding({ class: 'documented-not-handled', area: 'errors', code: 'failure-reported' }),
    ];
    expect(judge(input(testLedger(), findings)).verdict).toBe('fail');
  });
});

describe('endpoint-auth-traceable', () => {
  test('a sourced endpoint and auth header satisfy it', () => {
    expect(ruleStatus(judge(input()), 'endpoint-auth-traceable')).toBe('satisfied');
  });

  test('an auth header with no source fails the review', () => {
    const ledger = withClause(testLedger(), CLAUSE.authHeader, ({ source: _s, ...c }) => c);
    const result = judge(input(ledger));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.find((r) => r.rule === 'endpoint-auth-traceable')?.clauses).toEqual([
      CLAUSE.authHeader,
    ]);
  });

  test('a hard-coded chat path found in code fails the review', () => {
    const findings = [
      ...handledFindings(),
      finding({
        class: 'observed-not-documented',
        area: 'endpoint',
        check: 'scan',
        code: 'hardcoded-chat-path',
      }),
    ];
    expect(ruleStatus(judge(input(testLedger(), findings)), 'endpoint-auth-traceable')).toBe('violated');
  });

  test('a key written in the source fails the review; a location not found only keeps it from passing', () => {
    const scan = (code: 'inline-secret' | 'location-not-found', area: 'auth' | 'endpoint') =>
      finding({ class: 'documented-not-handled', area, check: 'scan', code });
    const secret = judge(input(testLedger(), [...handledFindings(), scan('inline-secret', 'auth')]));
    expect(ruleStatus(secret, 'endpoint-auth-traceable')).toBe('violated');
    expect(secret.verdict).toBe('fail');
    const moved = judge(input(testLedger(), [...handledFindings(), scan('location-not-found', 'endpoint')]));
    expect(ruleStatus(moved, 'endpoint-auth-traceable')).toBe('satisfied');
    expect(moved.verdict).not.toBe('pass');
  });
});

describe('parser-documented-fields', () => {
  test('a parser reading only documented fields satisfies it', () => {
    expect(ruleStatus(judge(input()), 'parser-documented-fields')).toBe('satisfied');
  });

  test('a parser reading an undocumented field fails the review', () => {
    const ledger = withClause(testLedger(), CLAUSE.parsedFields, (c) => ({
      ...c,
      value: ['choices[0].message.content', 'choices[0].message.reasoning_content'],
    }));
    const result = judge(input(ledger));
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]?.message).toContain('reasoning_content');
  });
});

describe('no-retry-invalid-request', () => {
  test('an invalid request the client does not retry satisfies it', () => {
    const findings = [
      ...handledFindings(),
      finding({
        class: 'documented-handled',
        clause: CLAUSE.invalidRequest5xx,
        code: 'no-retry-on-invalid-request',
      }),
    ];
    expect(ruleStatus(judge(input(testLedger(), findings)), 'no-retry-invalid-request')).toBe('satisfied');
  });

  test('a client retrying a 500 invalid_request fails the review', () => {
    const findings = [
      ...handledFindings(),
      finding({
        class: 'documented-not-handled',
        clause: CLAUSE.invalidRequest5xx,
        code: 'no-retry-on-invalid-request',
      }),
    ];
    const result = judge(input(testLedger(), findings));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.map((r) => r.rule)).toContain('no-retry-invalid-request');
  });
});

describe('fallback-preserves-evidence', () => {
  test('satisfied when no fallback finding is open', () => {
    expect(ruleStatus(judge(input()), 'fallback-preserves-evidence')).toBe('satisfied');
  });

  test('a fallback that drops the request id fails the review', () => {
    const findings = [
      ...handledFindings(),
      finding({
        class: 'documented-not-handled',
        clause: CLAUSE.fallbackVariable,
        code: 'fallback-documented',
      }),
    ];
    expect(judge(input(testLedger(), findings)).reasons.map((r) => r.rule)).toContain(
      'fallback-preserves-evidence',
    );
  });
});

describe('limits-billing-documented', () => {
  test('"not relied on" needs no source', () => {
    const ledger = withClause(testLedger(), CLAUSE.rateLimitValue, ({ source: _s, ...c }) => c);
    expect(ruleStatus(judge(input(ledger)), 'limits-billing-documented')).toBe('satisfied');
  });

  test('billing units with no source fail the review', () => {
    const ledger = withClause(testLedger(), CLAUSE.billingUnits, ({ source: _s, ...c }) => c);
    const result = judge(input(ledger));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.find((r) => r.rule === 'limits-billing-documented')?.clauses).toEqual([
      CLAUSE.billingUnits,
    ]);
  });
});

describe('contract-owned', () => {
  test('a named owner satisfies it', () => {
    expect(ruleStatus(judge(input()), 'contract-owned')).toBe('satisfied');
  });

  test('no owner fails the review', () => {
    const ledger = withClause(testLedger(), CLAUSE.contractOwner, (c) => ({
      ...c,
      value: '<TEAM_OR_PERSON>',
    }));
    expect(judge(input(ledger)).reasons.map((r) => r.rule)).toContain('contract-owned');
  });
});

describe('numeric-limits-sourced', () => {
  test('a sourced contracted number satisfies it', () => {
    expect(ruleStatus(judge(input()), 'numeric-limits-sourced')).toBe('satisfied');
  });

  test('a rate limit claimed as contracted without a source fails the review', () => {
    const ledger = withClause(testLedger(), CLAUSE.rateLimitValue, ({ source: _s, ...c }) => ({
      ...c,
      value: 600,
    }));
    const result = judge(input(ledger));
    expect(result.verdict).toBe('fail');
    expect(result.reasons.find((r) => r.rule === 'numeric-limits-sourced')?.clauses).toEqual([
      CLAUSE.rateLimitValue,
    ]);
  });
});

describe('observed-matches-source', () => {
  test('satisfied when nothing unexpected was observed', () => {
    expect(ruleStatus(judge(input()), 'observed-matches-source')).toBe('satisfied');
  });

  test('behaviour that differs from the source escalates, even alongside failures', () => {
    const ledger = withClause(testLedger(), CLAUSE.contractOwner, (c) => ({
      ...c,
      value: '<TEAM_OR_PERSON>',
    }));
    const findings = [
      ...handledFindings(),
      finding({ class: 'unexpected', check: 'negative:missing-auth', code: 'status-mismatch' }),
    ];
    const result = judge(input(ledger, findings));
    expect(result.verdict).toBe('escalate');
    expect(result.reasons.map((r) => r.rule)).toEqual([
      'area-source-evidence',
      'contract-owned',
      'observed-matches-source',
    ]);
    expect(result.reasons.at(-1)?.findings).toEqual(['negative:missing-auth:status-mismatch']);
  });

  test('an observation the source is silent on is not a discrepancy', () => {
    const findings = [
      ...handledFindings(),
      finding({ class: 'observed-not-documented', code: 'field-undocumented' }),
    ];
    expect(judge(input(testLedger(), findings)).verdict).toBe('pass');
  });
});

describe('waivers', () => {
  const unexpected = finding({
    class: 'unexpected',
    check: 'negative:missing-auth',
    code: 'status-mismatch',
  });
  const waive = (expires: string, target = 'negative:missing-auth:status-mismatch'): Ledger => ({
    ...testLedger(),
    waivers: [{ target, justification: 'known gateway quirk, ticket SUP-9', approver: 'J. Lead', expires }],
  });

  test('an active waiver lets the review pass and is listed with what it covers', () => {
    const result = judge(input(waive('2026-06-30'), [...handledFindings(), unexpected]));
    expect(result.verdict).toBe('pass');
    expect(ruleStatus(result, 'observed-matches-source')).toBe('waived');
    expect(result.waivers).toEqual([
      expect.objectContaining({ state: 'active', covers: ['negative:missing-auth:status-mismatch'] }),
    ]);
    expect(result.reasons.map((r) => r.rule)).toContain('observed-matches-source');
  });

  test('a waiver is still active on its expiry date', () => {
    expect(judge(input(waive(TODAY), [...handledFindings(), unexpected])).verdict).toBe('pass');
  });

  test('an expired waiver no longer applies but is still shown', () => {
    const result = judge(input(waive('2026-06-09'), [...handledFindings(), unexpected]));
    expect(result.verdict).toBe('escalate');
    expect(result.waivers[0]?.state).toBe('expired');
  });

  test('a clause waiver covers the clause and the findings judged against it', () => {
    const ledger = withClause(
      waive('2026-07-01', CLAUSE.billingUnits),
      CLAUSE.billingUnits,
      ({ source: _s, ...c }) => c,
    );
    const result = judge(input(ledger));
    expect(result.verdict).toBe('pass');
    expect(result.rules.find((r) => r.id === 'limits-billing-documented')?.items[0]?.waivedBy).toBe(
      CLAUSE.billingUnits,
    );
  });
});

describe('what validates an area', () => {
  test('an answered probe validates the endpoint and the auth it used', () => {
    const findings: Finding[] = [
      ...handledFindings().filter((f) => f.area !== 'endpoint' && f.area !== 'auth'),
      finding({ class: 'documented-handled', check: 'probe', area: 'response', code: 'content-read' }),
    ];
    expect(ruleStatus(judge(input(testLedger(), findings)), 'area-validated-results')).toBe('satisfied');
  });

  test('a finding validates the area of the clause it was judged against', () => {
    const findings: Finding[] = [
      ...handledFindings().filter((f) => f.area !== 'limits-billing'),
      finding({
        class: 'documented-handled',
        area: 'errors',
        clause: CLAUSE.rateLimitValue,
        code: 'handled',
      }),
    ];
    expect(ruleStatus(judge(input(testLedger(), findings)), 'area-validated-results')).toBe('satisfied');
  });
});
