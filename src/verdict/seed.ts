/**
 * @module verdict/seed
 * The closing evidence ledger of the operator review's step 6, verbatim (the review's quotes the rules cite are in
 * `src/seed.ts`).
 */

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
