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
