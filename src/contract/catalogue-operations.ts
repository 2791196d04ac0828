/**
 * @module contract/catalogue-operations
 * The clause table's operational clauses: error behaviour, limits and billing, local policy, support. Every
 * placeholder is an id, never a value.
 */
import { z } from 'zod';
import { defineClauses, SOURCE_IDS } from './ids.js';
import { ErrorExpectationSchema, name, names } from './value-schemas.js';

/** An error case (`errors.bad-auth`): the documented status and envelope for one kind of failure. */
const errorCase = <const K extends string, const C extends string>(
  key: K,
  id: C,
  what: string,
  label: string,
) => ({
  key,
  id: `errors.${id}` as `errors.${C}`,
  area: 'errors' as const,
  statement: `On ${what}, the API answers with the documented status and error envelope.`,
  placeholder: { status: `<${label}_STATUS_FROM_DOCS>`, retryable: `<${label}_RETRYABLE_FROM_DOCS>` },
  source: SOURCE_IDS.chatDocs,
  evidence: ['test', 'code', 'alert'],
  value: ErrorExpectationSchema,
});

/** Clauses of the `errors`, `limits-billing` and `support` areas, in review order. */
export const OPERATION_CLAUSES = defineClauses([
  // errors
  {
    key: 'errorEnvelope',
    id: 'errors.envelope',
    area: 'errors',
    statement: 'Error bodies have this shape: the wrapper key and the keys inside it.',
    placeholder: { wrapper: '<ERROR_WRAPPER_KEY_FROM_DOCS>', keys: ['<ERROR_KEYS_FROM_DOCS>'] },
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: z.strictObject({ wrapper: name, keys: names.min(1) }),
  },
  errorCase('badAuth', 'bad-auth', 'a missing or invalid key', 'BAD_AUTH'),
  errorCase('invalidRequest', 'invalid-request', 'a malformed or invalid request', 'INVALID_REQUEST'),
  errorCase('invalidModel', 'invalid-model', 'an unknown model', 'INVALID_MODEL'),
  errorCase('rateLimit', 'rate-limit', 'rate limiting or quota exhaustion', 'RATE_LIMIT'),
  errorCase('timeout', 'timeout', 'an upstream timeout', 'TIMEOUT'),
  errorCase('upstreamFailure', 'upstream-failure', 'an upstream failure', 'UPSTREAM_FAILURE'),
  errorCase('wrongPath', 'wrong-path', 'a wrong path', 'WRONG_PATH'),
  {
    key: 'invalidRequest5xx',
    id: 'errors.invalid-request-5xx',
    area: 'errors',
    statement: 'A 5xx whose error code names an invalid request is not retryable.',
    placeholder: { status: '<STATUS_FROM_DOCS>', code: '<ERROR_CODE_FROM_DOCS>', retryable: false },
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: ErrorExpectationSchema,
  },
  {
    key: 'requestId',
    id: 'errors.request-id',
    area: 'errors',
    statement:
      'The request id for support is found here (a response header, or a pattern in the error message).',
    placeholder: '<REQUEST_ID_LOCATION_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'runbook'],
    /** `header:<name>` or `message:<regex with one capture group>`. */
    value: z.string().regex(/^(header:[A-Za-z0-9-]+|message:.+)$/),
  },
  // limits-billing
  {
    key: 'retryAfter',
    id: 'limits.retry-after',
    area: 'limits-billing',
    statement: 'Rate-limit answers carry this retry signal (a header name, or `none` when undocumented).',
    placeholder: '<RETRY_AFTER_SIGNAL_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    /** A header name (`retry-after`, `retry-after-ms`) or `none` when the provider documents none. */
    value: name,
  },
  {
    key: 'rateLimitValue',
    id: 'limits.rate-limit',
    area: 'limits-billing',
    statement: 'The account is limited to this many requests per minute.',
    placeholder: '<RATE_LIMIT_FROM_ACCOUNT_OR_DOCS>',
    source: SOURCE_IDS.docsIndex,
    basis: 'contracted',
    evidence: ['config', 'dashboard'],
    /** Requests per minute, or `not-relied-on` when the team relies on no numeric limit. */
    value: z.union([z.number().positive(), z.literal('not-relied-on')]),
  },
  {
    key: 'billingUnits',
    id: 'billing.units',
    area: 'limits-billing',
    statement: 'Usage is billed in these units, read from these usage fields.',
    placeholder: '<BILLING_UNITS_FROM_DOCS>',
    source: SOURCE_IDS.docsIndex,
    evidence: ['dashboard', 'code'],
    value: name,
  },
  {
    key: 'reviewBudget',
    id: 'billing.review-budget',
    area: 'limits-billing',
    statement: 'One review may send at most this many requests and tokens.',
    placeholder: { requests: '<MAX_REQUESTS_PER_REVIEW>', tokens: '<MAX_TOKENS_PER_REVIEW>' },
    source: SOURCE_IDS.chatDocs,
    basis: 'local',
    evidence: ['config'],
    value: z.strictObject({
      requests: z.number().int().positive(),
      tokens: z.number().int().positive(),
    }),
  },
  {
    key: 'timeoutMs',
    id: 'policy.timeout-ms',
    area: 'limits-billing',
    statement: 'The client gives up on one request after this many milliseconds.',
    placeholder: '<LOCAL_TIMEOUT_MS_TO_TUNE>',
    source: SOURCE_IDS.chatDocs,
    basis: 'local',
    evidence: ['config'],
    value: z.number().int().positive(),
  },
  {
    key: 'maxAttempts',
    id: 'policy.max-attempts',
    area: 'limits-billing',
    statement: 'One logical call makes at most this many attempts, retries and fallbacks included.',
    placeholder: '<LOCAL_MAX_ATTEMPTS_TO_TUNE>',
    source: SOURCE_IDS.chatDocs,
    basis: 'local',
    evidence: ['config', 'code'],
    value: z.number().int().positive(),
  },
  {
    key: 'maxTotalWaitMs',
    id: 'policy.max-total-wait-ms',
    area: 'limits-billing',
    statement: 'Retries of one logical call wait at most this many milliseconds in total.',
    placeholder: '<LOCAL_MAX_RETRY_WAIT_MS_TO_TUNE>',
    source: SOURCE_IDS.chatDocs,
    basis: 'local',
    evidence: ['config'],
    value: z.number().int().nonnegative(),
  },
  {
    key: 'fallbackVariable',
    id: 'policy.fallback-variable',
    area: 'limits-billing',
    statement:
      'The application reads its fallback base URL from this environment variable (`none` when it has none).',
    placeholder: '<FALLBACK_BASE_URL_ENV_VARIABLE>',
    source: SOURCE_IDS.chatDocs,
    basis: 'local',
    evidence: ['config', 'code'],
    /** An environment variable name, or `none` when the application has no fallback. */
    value: z.string().regex(/^([A-Za-z_][A-Za-z0-9_]*)$/),
  },
  // support
  {
    key: 'escalationPath',
    id: 'support.escalation-path',
    area: 'support',
    statement: 'Suspected contract mismatches are escalated here.',
    placeholder: '<SUPPORT_OR_ESCALATION_PATH_FROM_HELP_CENTER>',
    source: SOURCE_IDS.helpCenter,
    evidence: ['runbook'],
    value: name,
  },
  {
    key: 'contractOwner',
    id: 'support.contract-owner',
    area: 'support',
    statement: 'This team or person owns the chat contract.',
    placeholder: '<TEAM_OR_PERSON>',
    source: SOURCE_IDS.helpCenter,
    evidence: ['runbook'],
    value: name,
  },
  {
    key: 'configLocation',
    id: 'support.config-location',
    area: 'support',
    statement: 'The current endpoint and auth details are stored here.',
    placeholder: '<CONFIG_LOCATION>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['config', 'runbook'],
    value: name,
  },
  {
    key: 'fixturePath',
    id: 'support.fixture-path',
    area: 'support',
    statement: 'The latest contract test fixture is stored here.',
    placeholder: '<REPO_PATH>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
    value: name,
  },
]);
