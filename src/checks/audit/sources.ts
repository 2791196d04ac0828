/**
 * @module checks/audit/sources
 * The words each audit rule rests on: the seed review's (quoted once, in `src/seed.ts`), and the provider's documented retry guidance
 * (openai-node `src/client.ts`: retry conditions, `retry-after-ms` before `retry-after`, backoff).
 */
import { SEED, SEED_SECTION } from '../../seed.js';
import type { AuditRuleSource } from './types.js';

const seed = (quote: keyof typeof SEED_SECTION): AuditRuleSource => ({
  kind: 'seed',
  ref: SEED_SECTION[quote],
  quote: SEED[quote],
});

/** The review's words each rule rests on, with the section they stand in. */
export const SEED_SOURCES = {
  invalid: seed('invalidNotRetried'),
  auth: seed('authHalts'),
  transient: seed('transientRetryable'),
  parser: seed('parserDrift'),
  fallback: seed('fallbackAmplifies'),
  fallbackFaq: seed('fallbackFaq'),
  missingField: seed('missingField'),
  smoke: seed('smoke'),
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
