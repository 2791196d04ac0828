/**
 * @module verdict/seed
 * The operator review's own words, quoted exactly, so every rule and every packet row cites where it comes from.
 */

/** Quotes from the operator review (`chat-reliability-contract-review`), one per criterion. */
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
} as const;

/** The closing evidence ledger of the review's step 6: item and required status, verbatim. */
export const EVIDENCE_ITEMS = [
  {
    id: 'documentation-reviewed',
    item: 'Documentation reviewed',
    required: 'Link to the relevant CometAPI documentation page and access date.',
  },
  {
    id: 'config-verified',
    item: 'Config verified',
    required: 'Base URL, path, and auth source match the documentation.',
  },
  {
    id: 'request-contract-tested',
    item: 'Request contract tested',
    required: 'Valid request fixture and malformed request fixture both executed.',
  },
  {
    id: 'response-parser-tested',
    item: 'Response parser tested',
    required: 'Required and optional fields handled according to documented behavior.',
  },
  {
    id: 'error-classifier-reviewed',
    item: 'Error classifier reviewed',
    required: 'Retry, fallback, page, and fail-fast behavior are explicit.',
  },
  {
    id: 'cost-rate-reviewed',
    item: 'Cost/rate assumptions reviewed',
    required: 'No numeric price, rate limit, or billing claim is used without a verified source.',
  },
  {
    id: 'runbook-updated',
    item: 'Runbook updated',
    required: 'On-call instructions include the current support or escalation route.',
  },
] as const;
