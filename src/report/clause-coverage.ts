/**
 * @module report/clause-coverage
 * Why a clause is left `unvalidated`: which check judges it and when, so a reader of the clause table knows
 * whether a rerun, a change of the client or a recorded validation would close it. One entry per clause id of
 * the catalogue (a clause added without one is a compile error). Pure.
 */
import type { ClauseId, ContractClause } from '../contract/index.js';

const PROBE = 'the probe judges it on a successful answer';
const STREAM = 'the streamed probe judges it';
const NEGATIVE = 'the negative suite judges it on the error answers it provokes';
const AUDIT = 'the client audit judges it';
const OUTSIDE =
  'no check can reach it on the wire: record `validated: { on, evidence }` on the clause (a drill, a ticket)';

/** What judges each clause, and under which condition. */
const JUDGED_BY = {
  'endpoint.base-url': `${PROBE} (every answered request is sent to it)`,
  'endpoint.chat-path': `${PROBE} (every answered request is sent to it)`,
  'endpoint.models-path': 'the model-list probe judges it when the list answers',
  'endpoint.base-url-variable':
    'no check proves which variable the client reads: the audit sets it beside `OPENAI_BASE_URL` and `CHATPROOF_BASE_URL`, so a client reading either of those passes too; `review --repo` checks where the code reads it',
  'auth.header': `${PROBE}, and the negative suite's missing-auth case`,
  'auth.scheme': PROBE,
  'auth.key-ref': PROBE,
  'request.model-field': `${PROBE}, and the negative suite's missing-model case`,
  'request.model-id': 'the probe judges the echoed model and the model list names it',
  'request.required-fields': "the negative suite's missing-model case judges it",
  'request.messages-field': PROBE,
  'request.role-field': PROBE,
  'request.content-field': PROBE,
  'request.user-role': PROBE,
  'request.roles': "the negative suite's invalid-role case judges it",
  'request.optional-parameters':
    'no check sends every listed parameter: the probe sends only `max_tokens` (and `stream`), judged under their own clauses; the list is a statement about the documents',
  'request.max-tokens-field': PROBE,
  'request.stream-field': STREAM,
  'request.temperature-range': "the negative suite's temperature-out-of-range case judges it",
  'response.content-path': PROBE,
  'response.finish-reason-path': `${PROBE} (the completion status is read at this path)`,
  'response.finish-reasons': PROBE,
  'response.fields': PROBE,
  'response.parsed-fields': PROBE,
  'response.id-field': PROBE,
  'response.usage-fields': PROBE,
  'response.nullable-fields': `${PROBE} when a documented field is null`,
  'response.stream-done': STREAM,
  'response.stream-usage':
    'the streamed probe asks for a usage chunk only when the clause documents one (`true`); with `false` there is nothing to confirm',
  'response.field-presence':
    "the probe judges it when an answer has no JSON Schema in `response.fields` (a schema states presence itself, and its `required` wins); only this clause's `maps` apply beside a schema",
  'response.field-meaning': `${PROBE}, and the negative suite on error bodies`,
  'response.media-types': `${PROBE}, and the negative suite`,
  'response.headers':
    'the probe judges each header this clause documents; with none documented there is nothing to confirm',
  'response.stream-rules':
    'the streamed probe judges each rule this clause states (one id per stream, the completion status on the final choice, no choices beside the usage); with none stated there is nothing to confirm',
  'errors.bad-auth': `${NEGATIVE} (invalid-key, missing-auth), and ${AUDIT} (bad-auth)`,
  'errors.invalid-request': `${NEGATIVE}, and ${AUDIT} (invalid-request)`,
  'errors.invalid-request-5xx': `${AUDIT} (invalid-request-5xx)`,
  'errors.invalid-model': `${NEGATIVE} (unknown-model), and ${AUDIT}`,
  'errors.wrong-path': `${NEGATIVE} (wrong-path)`,
  'errors.rate-limit': `${AUDIT} (rate-limit scenarios); no check provokes a rate limit from the provider`,
  'errors.timeout': `${AUDIT} (timeout scenarios)`,
  'errors.upstream-failure': `${AUDIT} (upstream-failure scenarios)`,
  'errors.envelope': NEGATIVE,
  'errors.request-id': NEGATIVE,
  'limits.retry-after':
    'no check provokes a rate limit from the provider; the audit judges how the client honours each retry signal, under `errors.rate-limit`',
  'limits.rate-limit': 'no check may exhaust the account’s rate limit; it is a statement of the contract',
  'billing.units':
    'the probe judges the usage fields under `response.usage-fields`; what the provider bills is a statement of the contract (an invoice validates it)',
  'billing.review-budget':
    "the review's own spending limit: enforced on every request of the run, never a property of the provider",
  'policy.timeout-ms': `${AUDIT} (every scenario's time limit, and the timeout scenario)`,
  'policy.max-attempts': `${AUDIT} (attempts per call in every scenario)`,
  'policy.max-total-wait-ms':
    "the audit's wait-within-budget rule judges it only when the client waits before a retry; a client that never retries gives it nothing to measure",
  'policy.fallback-variable':
    'the audit judges the fallback when the clause names a variable; `none` (no fallback) leaves nothing to confirm',
  'support.escalation-path': OUTSIDE,
  'support.contract-owner': OUTSIDE,
  'support.config-location': OUTSIDE,
  'support.fixture-path': OUTSIDE,
} satisfies Record<ClauseId, string>;

const judgedBy: Readonly<Record<string, string>> = JUDGED_BY;

/**
 * Why `clause` is left unvalidated by this run: what judges it, and when. `related` counts the findings that
 * named it without validating it (what the documents leave unstated).
 */
export function whyUnvalidated(clause: Pick<ContractClause, 'id'>, related = 0): string {
  const how = judgedBy[clause.id] ?? 'no check of chatproof judges a clause the ledger defines itself';
  const run =
    related > 0
      ? 'its findings in this run only observed what the documents leave unstated'
      : 'no finding of this run judged it';
  return `${run}: ${how}`;
}
