/**
 * @module checks/audit/codes
 * The client audit's rule ids and finding codes. A scenario's finding is coded by its first broken rule, or
 * `handled`, or `not-run`. The type is the table: a rule or code not listed here does not compile.
 */

export const AUDIT_RULE_IDS = [
  'works-without-faults',
  'no-retry-on-invalid-request',
  'auth-halts',
  'no-fallback-on-invalid-or-auth',
  'honours-retry-after',
  'attempts-within-budget',
  'wait-within-budget',
  'parser-failure-not-retried',
  'cut-stream-surfaced',
  'bad-data-surfaced',
  'failure-reported',
  'honours-x-should-retry',
  'gives-up-within-timeout',
  'tolerates-slow-answers',
  'fallback-documented',
  'finishes-within-limit',
] as const;
export type AuditRuleId = (typeof AUDIT_RULE_IDS)[number];

export const AUDIT_CODES = [...AUDIT_RULE_IDS, 'handled', 'not-run'] as const;
export type AuditCode = (typeof AUDIT_CODES)[number];

/** The client audit's scenarios, each judged as the check `audit:<scenario>` (`scenarios.ts` builds them). */
export const AUDIT_SCENARIO_NAMES = [
  'baseline',
  'invalid-request',
  'unknown-model',
  'unprocessable-422',
  'invalid-request-5xx',
  'bad-auth',
  'forbidden-403',
  'rate-limit',
  'rate-limit-retry-after',
  'rate-limit-retry-after-date',
  'rate-limit-retry-after-ms',
  'upstream-failure-once',
  'upstream-failure-persistent',
  'should-retry-false',
  'upstream-timeout-once',
  'request-timeout-408',
  'conflict-409',
  'reset-before-headers',
  'timeout',
  'reset-mid-stream',
  'cut-stream',
  'truncated-body',
  'missing-content',
  'null-content',
  'slow-answer',
] as const;
export type AuditScenarioName = (typeof AUDIT_SCENARIO_NAMES)[number];
