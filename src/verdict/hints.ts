/**
 * @module verdict/hints
 * The route to a pass: for each item that keeps a rule from holding, what to change (which clause or ledger
 * field to fill, which option to pass, which waiver to write). Pure; the packet and the summary show them.
 */

import { TRANSPORT_CODES, type TransportCode } from '../checks/probe/codes.js';
import { SCAN_CHECK } from '../checks/scan/codes.js';
import { auditScenario, checkFamily } from '../classify/check-names.js';
import { assertNever } from '../classify/classes.js';
import type { FindingCode } from '../classify/codes.js';
import type { Finding } from '../classify/types.js';
import { type Area, CLAUSE, type Contract } from '../contract/index.js';
import type { RunLimit } from '../http/types.js';
import { isLocal } from './facts.js';
import type { RuleItem } from './types.js';

const isTransportCode = (code: FindingCode): code is TransportCode =>
  (TRANSPORT_CODES as readonly FindingCode[]).includes(code);

const waive = (target: string) =>
  `waive \`${target}\` (ledger \`waivers\`: justification, approver, expires)`;

/** No check reaches these areas' clauses on the wire; a validation done elsewhere is recorded on a clause. */
const OUTSIDE_ONLY: ReadonlySet<Area> = new Set(['support']);

/** What to do about an area no handled finding validated. */
function areaHint(contract: Contract, area: Area): string {
  const ids = contract.clauses.filter((c) => c.area === area && !c.pending).map((c) => c.id);
  const first = ids[0] ?? `a ${area} clause`;
  const outside = `record \`validated: { on: <date>, evidence: <what showed it> }\` on ${first}`;
  if (OUTSIDE_ONLY.has(area)) {
    return `no check can reach the ${area} area: ${outside} (a drill, a ticket), or ${waive(area)}`;
  }
  if (ids.length === 0) return `fill the ${area} clauses (chatproof init lists them), then review again`;
  return `fill the ${area} clauses the probe, negative suite or audit judge so they run, or ${outside}`;
}

/** What to do about a check that did not run, from what kept it from running: its code, limit and error. */
export function notRunHint(finding: Pick<Finding, 'check' | 'code'> & NotRunFacts): string {
  const key = `${finding.check}:${finding.code}`;
  if (finding.hint) return finding.hint;
  if (finding.blockedBy && finding.blockedBy.length > 0) {
    const clauses = finding.blockedBy.map((id) => `\`${id}\``).join(', ');
    return `fill ${clauses} in the ledger (value, source, implementation), or ${waive(key)}`;
  }
  if (auditScenario(finding.check) === 'timeout') {
    return `give the client a timeout inside the scenario limit and set ${CLAUSE.timeoutMs} to it, or raise the limit (audit-client --timeout, audit.timeoutMs in the ledger) above ${CLAUSE.timeoutMs} + 2000 ms, or ${waive(key)}`;
  }
  if (finding.error === 'E_SECRET_REF') {
    return `make the key reference resolve: set the environment variable or write the file that \`${CLAUSE.keyRef}\` names (or pass --key-ref env:NAME or file:PATH for this run), then review again, or ${waive(key)}`;
  }
  const limit = finding.limit ? limitHint(finding.limit) : undefined;
  if (limit) return `${limit}, or ${waive(key)}`;
  const cause = codeHint(finding.code);
  if (cause) return `${cause}, or ${waive(key)}`;
  if (checkFamily(finding.check) === 'audit') {
    return `make the audited command work without a fault first (baseline), then review again, or ${waive(key)}`;
  }
  return `remove the cause above (target reachable, budget, limits) and review again, or ${waive(key)}`;
}

/** The step for a local limit that ended the check. */
function limitHint(limit: RunLimit): string {
  switch (limit.kind) {
    case 'deadline':
      return `give the run more time (\`--deadline\`, now ${limit.ms} ms) or run the check on its own (\`chatproof probe\`, \`negative\`, \`audit-client\`)`;
    case 'stall':
      return `the answer stopped for ${limit.ms} ms after its headers: find why the target stalls, or raise \`--stall-ms\` if it is slow by design`;
    case 'timeout':
      return `the request took longer than ${limit.ms} ms: find why the target is slow, or raise the request timeout`;
    default:
      return assertNever(limit.kind);
  }
}

/** The step for what a not-run finding's code says kept it from running; undefined for a general code. */
function codeHint(code: FindingCode): string | undefined {
  if (isTransportCode(code)) {
    return `make the target reachable from here (the transport failed: ${code.slice('transport-'.length)}; check \`${CLAUSE.baseUrl}\`, DNS, TLS, proxies), then review again`;
  }
  switch (code) {
    case 'body-cut':
    case 'body-timeout':
    case 'body-aborted':
      return 'the answer body ended early; find why the target cuts answers (a proxy, a limit), then review again';
    case 'key-unavailable':
      return `set the variable or create the file that \`${CLAUSE.keyRef}\` names, or pass --key-ref`;
    case 'target-misconfigured':
      return 'fix the configuration finding above first (it names the clause); the checks after it run once it is right';
    case 'rate-limited':
      return `the target rate-limited the suite: review again later, or raise the account limit (\`${CLAUSE.rateLimitValue}\`)`;
    case 'not-sent':
      return `the review budget ran out before this request: raise \`${CLAUSE.reviewBudget}\` in the ledger`;
    case 'not-built':
      return 'the request could not be built from the ledger: check the request clauses (`chatproof validate` names them)';
    case 'model-not-validated':
      return `list \`${CLAUSE.modelId}\` on the models endpoint, or fill \`${CLAUSE.modelsPath}\` so the model list can be read`;
    case 'source-unreachable':
      return 'the documentation page could not be fetched: check the source URL, or run without --check-sources and record the quote';
    case 'source-unparseable':
    case 'source-incomplete':
      return 'the source could not be read for its quote: point the clause at a page that holds the quoted passage';
    case 'nothing-judged':
      return 'the capture held no exchange to judge: check the capture format (`--format`) and that it holds chat traffic';
    default:
      return undefined;
  }
}

interface NotRunFacts {
  /** Why the check did not run, in words; shown, never read for meaning. */
  reason?: string | undefined;
  blockedBy?: readonly string[] | undefined;
  hint?: string | undefined;
  limit?: RunLimit | undefined;
  /** The chatproof error that kept it from running, as its code. */
  error?: string | undefined;
}

/** A ledger implementation location the code scan did not find holding its clause's value. */
export const isLocationNotFound = (finding: Pick<Finding, 'check' | 'code'>): boolean =>
  finding.check === SCAN_CHECK && finding.code === 'location-not-found';

/** The step for a location that does not hold its value: the ledger's pointer is wrong, not the code. */
function locationHint(finding: Finding, ref: string): string {
  const clause = finding.clause ?? 'the clause';
  const location = typeof finding.evidence.expected === 'string' ? `\`${finding.evidence.expected}\`` : 'it';
  return `point \`${clause}\`'s implementation location at the file and line that holds its value (${location} does not), or ${waive(ref)}`;
}

/**
 * The parser rule's items differ in what is wrong: a field read that no document names, or a documented field
 * the answer left out (optional: the parser must cope; required: the provider broke its documents too).
 */
function parserHint(item: RuleItem, finding: Finding | undefined): string {
  switch (finding?.code) {
    case 'parsed-field-absent':
      return `the documents mark the field optional: make the parser cope when it is absent (a default or a guard) and name that code in \`${CLAUSE.parsedFields}\`'s implementation, or ${waive(item.ref)}`;
    case 'parsed-field-missing':
      return `the documents mark the field required and the answer left it out: report it to the provider (the escalation draft) and make the parser cope meanwhile, or ${waive(item.ref)}`;
    default:
      return `stop reading the field, or add it to \`${CLAUSE.responseFields}\` with the passage that documents it`;
  }
}

/** What to change for one item of one rule; undefined when nothing specific can be said. */
export function hintFor(
  rule: string,
  item: RuleItem,
  contract: Contract,
  findings: readonly Finding[],
): string | undefined {
  const clause = item.kind === 'clause' ? contract.clause(item.ref) : undefined;
  const finding =
    item.kind === 'finding' ? findings.find((f) => `${f.check}:${f.code}` === item.ref) : undefined;
  if (finding?.class === 'not-run') return notRunHint(finding);
  if (finding && isLocationNotFound(finding)) return locationHint(finding, item.ref);
  switch (rule) {
    case 'review-complete':
      return 'run the review again to its end (an interrupted review never passes)';
    case 'area-source-evidence':
      if (item.kind === 'area') return areaHint(contract, item.ref as Area);
      if (!clause) return `add \`${item.ref}\` to the ledger (chatproof init writes every catalogue clause)`;
      if (clause.pending) return `fill \`${item.ref}\`'s value from the documentation, with its source`;
      if (clause.pendingFields.length > 0) {
        return `fill ${clause.pendingFields.map((f) => `\`${f}\``).join(', ')} of \`${item.ref}\` (a real quoted passage, not a placeholder or n/a)`;
      }
      return isLocal(clause)
        ? `set \`owner\` on \`${item.ref}\` (a local choice needs someone who owns it)`
        : `cite \`${item.ref}\`'s source: a url and the quoted passage (or \`basis: local\` with an owner for a local choice)`;
    case 'area-implementation-evidence':
      return `add \`implementation: [{ kind: config|code|test|dashboard|runbook|alert, location: … }]\` to \`${item.ref}\``;
    case 'area-validated-results':
      if (item.kind === 'area') return areaHint(contract, item.ref as Area);
      if (finding && checkFamily(finding.check) === 'audit') {
        return `make the client do what the scenario's rule expects (the finding says what it did), or ${waive(item.ref)}`;
      }
      if (finding?.code === 'value-contradicts-quote' && finding.clause) {
        return `make \`${finding.clause}\`'s value agree with its quoted passage, or quote the passage that documents this value, or ${waive(item.ref)}`;
      }
      return finding?.clause
        ? `name the code or config that handles it in \`${finding.clause}\`'s implementation, or ${waive(item.ref)}`
        : `handle what the finding shows, or ${waive(item.ref)}`;
    case 'target-configured':
      return `check \`${item.clause ?? CLAUSE.baseUrl}\` (and ${CLAUSE.keyRef}): the operator's setup, not the provider's`;
    case 'endpoint-auth-traceable':
      if (clause) return `cite \`${item.ref}\`'s source: a url and the quoted passage`;
      return `read the value from configuration instead of a literal, or make \`${item.clause ?? item.ref}\` agree with its quote`;
    case 'parser-documented-fields':
      return parserHint(item, finding);
    case 'no-retry-invalid-request':
      return `configure the client not to retry this error (its ${item.clause ?? 'clause'} says it is not retryable), or ${waive(item.ref)}`;
    case 'fallback-preserves-evidence':
      return `keep the first attempt's request id and error when falling back, or set \`${CLAUSE.fallbackVariable}\` as documented`;
    case 'limits-billing-documented':
    case 'numeric-limits-sourced':
      return `cite \`${item.ref}\`'s source (url and quote), or mark it \`basis: local\` with an owner`;
    case 'contract-owned':
      return `fill \`${CLAUSE.contractOwner}\` with the team that owns the integration`;
    case 'observed-matches-source':
      return `send the escalation draft to the provider's support, or, if the documentation changed, update \`${item.clause ?? item.ref}\` with the new quote; ${waive(item.ref)} while it is open`;
    default:
      return undefined;
  }
}
