/**
 * @module checks/audit/scenarios
 * The scenario catalogue, built from the ledger: error scenarios use the statuses and codes the ledger
 * documents, and a scenario whose clause is pending is `not-run`, never guessed. Pure.
 */
import {
  CLAUSE,
  type ClauseIdOf,
  type ClauseRef,
  type Contract,
  type ErrorExpectation,
  values,
} from '../../contract/index.js';
import type { FaultSpec, FaultTerm } from '../../proxy/index.js';
import type { AuditScenarioName } from './codes.js';
import type { AuditPolicy, AuditScenario } from './types.js';

/** How long past the policy timeout the proxy holds a hung request before it gives up on the client. */
export const HANG_GRACE_MS = 2_000;

function first(status: ErrorExpectation['status']): number {
  return Array.isArray(status) ? status[0]! : status;
}

/** A status fault in the documented shape: the status, with the code and type when the ledger gives them. */
function statusSpec(status: number, expectation?: ErrorExpectation): FaultTerm {
  const { code, type } = expectation ?? {};
  return {
    fault: 'status',
    status,
    ...(typeof code === 'string' && code !== '' ? { code } : {}),
    ...(type !== undefined && type !== '' ? { type } : {}),
  };
}

/** `spec` on the first request only: the API recovers after it. */
const once = (...spec: FaultTerm[]): FaultSpec => [{ fault: 'sequence', count: 1, inner: spec }];
const NONE: FaultSpec = [];

/** Error clauses a status may be listed under, in the order the 409 scenario looks for it. */
const ERROR_CLAUSES = [
  CLAUSE.upstreamFailure,
  CLAUSE.timeout,
  CLAUSE.rateLimit,
  CLAUSE.invalidRequest,
  CLAUSE.invalidModel,
  CLAUSE.invalidRequest5xx,
  CLAUSE.badAuth,
] as const;

/**
 * 409 Conflict, which openai-node retries: a scenario only when an error clause lists 409 among its statuses,
 * judged by that clause (retryable: it may be retried within budget; not: it must not be; auth: it halts). No
 * clause catalogues 409 on its own, and whether a conflict is transient depends on the API, so without the
 * ledger saying so there is nothing to judge the client against, and no scenario rather than a guess.
 */
function conflictCase(contract: Contract, add: (scenario: AuditScenario) => void): void {
  for (const clause of ERROR_CLAUSES) {
    const expectation = values.errorExpectation(contract, clause);
    const statuses = expectation ? [expectation.status].flat() : [];
    if (!expectation || !statuses.includes(409)) continue;
    const spec = statusSpec(409, expectation);
    const kind = clause === CLAUSE.badAuth ? 'auth' : expectation.retryable ? 'transient' : 'invalid-request';
    add({
      name: 'conflict-409',
      kind,
      description:
        kind === 'transient'
          ? `the first request is answered 409 Conflict, then the API recovers (${clause} lists 409 as retryable)`
          : `every request is answered 409 Conflict (${clause} lists 409, not retryable)`,
      fault: kind === 'transient' ? once(spec) : [spec],
      clause,
      area: 'errors',
    });
    return;
  }
}

/** Stream content path for a JSON content path: `choices[0].message.content` → `choices[].delta.content`. */
export function streamContentPath(contentPath: string): string {
  return contentPath.replace(/\[\d*\]/g, '[]').replace('.message.', '.delta.');
}

export interface CatalogueOptions {
  /** The per-scenario time limit; the timeout scenario needs the policy timeout to fit inside it. */
  limitMs: number;
  /**
   * True when `limitMs` is the default rather than the caller's choice: a policy timeout up to that default then
   * gets a longer limit for the timeout scenario alone (policy timeout + grace + the default), instead of being
   * not run because it does not fit.
   */
  defaultLimit?: boolean;
}

/** Every scenario for this contract, in a stable order. */
export function buildScenarios(
  contract: Contract,
  policy: AuditPolicy,
  options: CatalogueOptions,
): AuditScenario[] {
  const scenarios: AuditScenario[] = [];
  const add = (scenario: AuditScenario) => scenarios.push(scenario);
  const pending = (clause: ClauseRef) => ({
    notRun: `needs ${clause}, which is pending or missing in the ledger`,
    blockedBy: [clause],
  });
  const errorCase = (
    name: AuditScenarioName,
    clause: ClauseIdOf<ErrorExpectation>,
    kind: AuditScenario['kind'],
    description: string,
    pick?: (expectation: ErrorExpectation) => number,
  ) => {
    const expectation = values.errorExpectation(contract, clause);
    const base = { name, kind, description, clause, area: 'errors' as const };
    if (!expectation) {
      add({ ...base, fault: NONE, ...pending(clause) });
      return;
    }
    const status = pick ? pick(expectation) : first(expectation.status);
    add({
      ...base,
      description: `${description} (HTTP ${status})`,
      fault: [statusSpec(status, expectation)],
    });
  };

  add({
    name: 'baseline',
    kind: 'baseline',
    description: 'no fault: the client must work before faults can be judged',
    fault: NONE,
    clause: null,
    area: 'endpoint',
  });
  errorCase(
    'invalid-request',
    CLAUSE.invalidRequest,
    'invalid-request',
    'every request is rejected as invalid',
  );
  errorCase('unknown-model', CLAUSE.invalidModel, 'invalid-request', 'the model is unknown');
  add({
    name: 'unprocessable-422',
    kind: 'invalid-request',
    description: 'every request is rejected as unprocessable (HTTP 422)',
    fault: [statusSpec(422)],
    clause: CLAUSE.invalidRequest,
    area: 'errors',
  });
  errorCase(
    'invalid-request-5xx',
    CLAUSE.invalidRequest5xx,
    'invalid-request',
    'a 5xx whose code names an invalid request',
  );
  errorCase('bad-auth', CLAUSE.badAuth, 'auth', 'the key is refused');
  add({
    name: 'forbidden-403',
    kind: 'auth',
    description: 'the key lacks permission (HTTP 403)',
    fault: [statusSpec(403)],
    clause: CLAUSE.badAuth,
    area: 'errors',
  });
  const rate = values.errorExpectation(contract, CLAUSE.rateLimit);
  const rateStatus = rate ? first(rate.status) : undefined;
  const rateCase = (name: AuditScenarioName, signal: FaultTerm[], what: string) =>
    add({
      name,
      kind: 'rate-limit',
      description: `the first request is rate limited${what}`,
      fault: rateStatus ? once(statusSpec(rateStatus, rate), ...signal) : NONE,
      clause: CLAUSE.rateLimit,
      area: 'limits-billing',
      ...(rateStatus ? {} : pending(CLAUSE.rateLimit)),
    });
  rateCase('rate-limit', [], ' with no retry signal');
  rateCase('rate-limit-retry-after', [{ fault: 'retry-after', seconds: 1 }], ', Retry-After: 1 (seconds)');
  rateCase(
    'rate-limit-retry-after-date',
    [{ fault: 'retry-after-date', seconds: 2 }],
    ', Retry-After as an HTTP date 2 s ahead',
  );
  rateCase('rate-limit-retry-after-ms', [{ fault: 'retry-after-ms', ms: 1200 }], ', retry-after-ms: 1200');
  const upstream = values.errorExpectation(contract, CLAUSE.upstreamFailure);
  const upstreamStatus = upstream ? first(upstream.status) : undefined;
  const transient = (
    name: AuditScenarioName,
    kind: AuditScenario['kind'],
    fault: (status: number) => FaultSpec,
    what: string,
  ) =>
    add({
      name,
      kind,
      description: what,
      fault: upstreamStatus ? fault(upstreamStatus) : NONE,
      clause: CLAUSE.upstreamFailure,
      area: 'errors',
      ...(upstreamStatus ? {} : pending(CLAUSE.upstreamFailure)),
    });
  transient(
    'upstream-failure-once',
    'transient',
    (s) => once(statusSpec(s, upstream)),
    'the first request fails upstream, then the API recovers',
  );
  transient(
    'upstream-failure-persistent',
    'persistent-failure',
    (s) => [statusSpec(s, upstream)],
    'every request fails upstream',
  );
  transient(
    'should-retry-false',
    'should-not-retry',
    (s) => once(statusSpec(s, upstream), { fault: 'should-retry', value: false }),
    'the first request fails with x-should-retry: false',
  );
  const gatewayTimeout = values.errorExpectation(contract, CLAUSE.timeout);
  add({
    name: 'upstream-timeout-once',
    kind: 'transient',
    description: 'the first request times out upstream, then the API recovers',
    fault: gatewayTimeout ? once(statusSpec(first(gatewayTimeout.status), gatewayTimeout)) : NONE,
    clause: CLAUSE.timeout,
    area: 'errors',
    ...(gatewayTimeout ? {} : pending(CLAUSE.timeout)),
  });
  add({
    name: 'request-timeout-408',
    kind: 'transient',
    description: 'the first request is answered 408 Request Timeout, then the API recovers',
    fault: once(statusSpec(408)),
    clause: CLAUSE.timeout,
    area: 'errors',
  });
  conflictCase(contract, add);
  add({
    name: 'reset-before-headers',
    kind: 'transient',
    description: 'the first connection is reset before any answer',
    fault: once({ fault: 'reset-before-headers' }),
    clause: CLAUSE.upstreamFailure,
    area: 'errors',
  });
  const timeout: AuditScenario = {
    name: 'timeout',
    kind: 'timeout',
    description: 'the first request never gets an answer',
    fault: NONE,
    clause: CLAUSE.timeoutMs,
    area: 'limits-billing',
  };
  const stretched =
    options.defaultLimit === true &&
    policy.timeoutMs !== undefined &&
    policy.timeoutMs + HANG_GRACE_MS > options.limitMs &&
    policy.timeoutMs <= options.limitMs;
  if (policy.timeoutMs === undefined) add({ ...timeout, ...pending(CLAUSE.timeoutMs) });
  else if (stretched) {
    // The client times out, then may retry once the hang ends: the scenario keeps a whole default limit for that.
    const hangMs = policy.timeoutMs + HANG_GRACE_MS;
    add({
      ...timeout,
      fault: once({ fault: 'hang', maxMs: hangMs }),
      hangMs,
      limitMs: hangMs + options.limitMs,
    });
  } else if (policy.timeoutMs + HANG_GRACE_MS > options.limitMs) {
    add({
      ...timeout,
      // Worded for every caller: audit-client takes --timeout, review and demo read the ledger's audit.timeoutMs.
      notRun: `policy.timeout-ms (${policy.timeoutMs} ms) does not fit in the scenario time limit (${options.limitMs} ms); raise the scenario time limit (audit-client --timeout, or audit.timeoutMs in the ledger) above policy.timeout-ms + ${HANG_GRACE_MS} ms to judge it`,
    });
  } else {
    const hangMs = policy.timeoutMs + HANG_GRACE_MS;
    add({ ...timeout, fault: once({ fault: 'hang', maxMs: hangMs }), hangMs });
  }
  const streamCase = (
    name: AuditScenarioName,
    kind: AuditScenario['kind'],
    fault: FaultSpec,
    what: string,
    clause: ClauseRef,
  ) => add({ name, kind, description: what, fault, clause, area: 'response' });
  streamCase(
    'reset-mid-stream',
    'broken-stream',
    [{ fault: 'only', kind: 'stream', inner: [{ fault: 'reset-after', bytes: 120 }] }],
    'streams are reset after 120 bytes',
    CLAUSE.streamDone,
  );
  streamCase(
    'cut-stream',
    'cut-stream',
    [{ fault: 'only', kind: 'stream', inner: [{ fault: 'cut-stream', afterEvents: 2 }] }],
    'streams end cleanly after two events, without [DONE]',
    CLAUSE.streamDone,
  );
  streamCase(
    'truncated-body',
    'parser',
    [{ fault: 'only', kind: 'json', inner: [{ fault: 'truncate' }] }],
    'JSON answers lose their second half but end cleanly',
    CLAUSE.responseFields,
  );
  const contentPath = values.string(contract, CLAUSE.contentPath);
  for (const [name, op] of [
    ['missing-content', 'drop'],
    ['null-content', 'null'],
  ] as const) {
    if (!contentPath) {
      add({
        name,
        kind: 'missing-field',
        description: `the content field is ${op === 'drop' ? 'missing' : 'null'}`,
        fault: NONE,
        clause: CLAUSE.contentPath,
        area: 'response',
        ...pending(CLAUSE.contentPath),
      });
      continue;
    }
    const paths = [contentPath.replace(/\[\d*\]/g, '[]'), streamContentPath(contentPath)];
    add({
      name,
      kind: 'missing-field',
      description: `the content field (${contentPath}) is ${op === 'drop' ? 'missing' : 'null'} in every answer`,
      fault: paths.map((path) => ({ fault: op, path })),
      clause: CLAUSE.contentPath,
      area: 'response',
    });
  }
  add({
    name: 'slow-answer',
    kind: 'slow',
    description: 'answers start 1 s late and streams trickle',
    fault: [
      { fault: 'delay', ms: 1000 },
      { fault: 'drip', intervalMs: 20, bytes: 64 },
    ],
    clause: CLAUSE.timeoutMs,
    area: 'limits-billing',
  });
  return scenarios;
}
