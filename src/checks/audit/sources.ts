/**
 * @module checks/audit/sources
 * The words each audit rule rests on: the seed review's, and the provider's documented retry guidance
 * (openai-node `src/client.ts`: retry conditions, `retry-after-ms` before `retry-after`, backoff).
 */
import type { AuditRuleSource } from './types.js';

const seed = (ref: string, quote: string): AuditRuleSource => ({ kind: 'seed', ref, quote });

export const SEED = {
  invalid: seed(
    '5. Validate retry and fallback boundaries',
    'invalid request errors that should not be retried',
  ),
  auth: seed('5. Validate retry and fallback boundaries', 'auth errors that should page or halt traffic'),
  transient: seed(
    '5. Validate retry and fallback boundaries',
    'timeout or transient network errors that may be retryable under your local policy',
  ),
  parser: seed(
    '5. Validate retry and fallback boundaries',
    'parser failures that may indicate a contract drift rather than a provider outage',
  ),
  fallback: seed(
    '5. Validate retry and fallback boundaries',
    'Fallback can amplify cost or duplicate work when it is triggered by the wrong error class.',
  ),
  fallbackFaq: seed(
    'FAQ: Should fallback be enabled after one failed CometAPI request?',
    'Invalid requests and auth failures usually require correction or escalation, not blind fallback.',
  ),
  missingField: seed(
    '4. Run negative tests separately',
    'response missing an optional field your parser currently expects',
  ),
  smoke: seed('Concise definition', 'A smoke test asks, “Did one call work?”'),
  failInvalid: seed(
    'Pass, fail, or escalate criteria',
    'the system retries errors that should be treated as invalid requests',
  ),
} as const;

const OPENAI_NODE = 'openai-node src/client.ts (contract-facts.md §3)';

export const PROVIDER = {
  retryAfter: {
    kind: 'provider',
    ref: `${OPENAI_NODE} retryRequest`,
    quote: '`retry-after-ms` (float ms) wins; else `retry-after` as float seconds or HTTP-date',
  },
  shouldRetry: {
    kind: 'provider',
    ref: `${OPENAI_NODE} shouldRetry`,
    quote: 'header `x-should-retry: true|false` is obeyed first',
  },
} as const satisfies Record<string, AuditRuleSource>;
