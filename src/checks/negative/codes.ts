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
