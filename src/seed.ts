/**
 * @module seed
 * The operator review's own words (`chat-reliability-contract-review`), quoted exactly and kept once: the
 * verdict's rules and the client audit's rules cite them from here, so every rule and every packet row says
 * where it comes from.
 */

/** Quotes from the operator review, by what they say. */
export const SEED = {
  passOnly:
    'Mark the review pass only when every contract area has source evidence and implementation evidence.',
  everyRow:
    'Every row needs a source, an implementation artifact, and a validation result before you close the review.',
  pendingNotGuess: 'If the contract evidence is missing, mark that row pending instead of guessing.',
  failHardCoded: 'endpoint path or auth header is hard-coded without source traceability;',
  failParser: 'the parser depends on undocumented fields;',
  failRetryInvalid: 'the system retries errors that should be treated as invalid requests;',
  failFallback: 'fallback triggers without preserving incident evidence;',
  failBilling: 'billing or rate-limit assumptions are undocumented;',
  failOwner: 'no one owns the CometAPI integration contract.',
  numericLocal:
    'Any numeric retry count, timeout, circuit-breaker threshold, or token budget should be treated as a local value to tune unless your cited source explicitly supports it.',
  configVerified: 'Base URL, path, and auth source match the documentation.',
  escalate: 'Mark it escalate when observed behavior appears to differ from the source.',
  unexpected: 'unexpected — escalate and keep the incident review open.',
  invalidNotRetried: 'invalid request errors that should not be retried',
  authHalts: 'auth errors that should page or halt traffic',
  transientRetryable: 'timeout or transient network errors that may be retryable under your local policy',
  parserDrift: 'parser failures that may indicate a contract drift rather than a provider outage',
  fallbackAmplifies:
    'Fallback can amplify cost or duplicate work when it is triggered by the wrong error class.',
  fallbackFaq:
    'Invalid requests and auth failures usually require correction or escalation, not blind fallback.',
  missingField: 'response missing an optional field your parser currently expects',
  smoke: 'A smoke test asks, “Did one call work?”',
} as const;
export type SeedQuote = keyof typeof SEED;

/** The review's section each quote the client audit cites stands in. */
export const SEED_SECTION = {
  invalidNotRetried: '5. Validate retry and fallback boundaries',
  authHalts: '5. Validate retry and fallback boundaries',
  transientRetryable: '5. Validate retry and fallback boundaries',
  parserDrift: '5. Validate retry and fallback boundaries',
  fallbackAmplifies: '5. Validate retry and fallback boundaries',
  fallbackFaq: 'FAQ: Should fallback be enabled after one failed CometAPI request?',
  missingField: '4. Run negative tests separately',
  smoke: 'Concise definition',
} as const satisfies Partial<Record<SeedQuote, string>>;
