/**
 * @module checks/negative/codes
 * Every finding code the negative cases emit. The type is the table: a code not listed here does not compile.
 */

export const NEGATIVE_CODES = [
  'accepted',
  'body-kind-mismatch',
  'envelope-keys-missing',
  'envelope-keys-undocumented',
  'envelope-matches',
  'envelope-missing',
  'envelope-schema-valid',
  'envelope-schema-violation',
  'error-code-matches',
  'error-code-mismatch',
  'error-type-matches',
  'error-type-mismatch',
  'not-built',
  'not-sent',
  'rate-limited',
  'request-id-missing',
  'request-id-present',
  'retryability-matches',
  'retryability-mismatch',
  'status-matches',
  'status-mismatch',
  'target-misconfigured',
  'key-unavailable',
] as const;
export type NegativeCode = (typeof NEGATIVE_CODES)[number];

/** The negative cases, each run as the check `negative:<case>` (`plan/checks.ts` says what each sends). */
export const NEGATIVE_CASES = [
  'missing-auth',
  'invalid-key',
  'malformed-json',
  'missing-model',
  'unknown-model',
  'temperature-out-of-range',
  'empty-messages',
  'invalid-role',
  'wrong-path',
] as const;
export type NegativeCaseName = (typeof NEGATIVE_CASES)[number];
