/**
 * @module verdict/rules-fail
 * The review's fail criteria, one rule each, plus the rule on numbers claimed as contracted.
 */
import { AUDIT_RULE_IDS } from '../checks/audit/codes.js';
import type { FindingCode } from '../classify/codes.js';
import type { Finding } from '../classify/types.js';
import { CLAUSE, type ContractClause, values } from '../contract/index.js';
import { SEED } from '../seed.js';
import { basisOf, hasNumber, hasOwner, isCited, isLocal, normalizePath } from './facts.js';
import { isLocationNotFound } from './hints.js';
import { findingKey, type Rule, type RuleItem } from './types.js';

const unsourced = (clause: ContractClause, why: string): RuleItem => ({
  kind: 'clause',
  ref: clause.id,
  message: `${clause.id} = ${JSON.stringify(clause.value)} ${why}`,
  ...(clause.pending ? { pending: true } : {}),
});

const findingItem = (finding: Finding, message = finding.message): RuleItem => ({
  kind: 'finding',
  ref: findingKey(finding),
  clause: finding.clause,
  message,
});

const TRACEABLE = [CLAUSE.baseUrl, CLAUSE.chatPath, CLAUSE.authHeader, CLAUSE.authScheme];

// Rules select findings by their codes, typed by the checks' tables (a misspelt code does not compile), never by a
// pattern over them.
/** Findings that an endpoint or auth value is not traceable: a literal in the code, or a contradicted quote. */
const HARDCODED_ENDPOINT_AUTH: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'hardcoded-base-url',
  'hardcoded-chat-path',
  'hardcoded-auth-header',
  // A key written in the source is an auth value nobody can trace to a reference.
  'inline-secret',
  // The ledger's own value contradicts the passage it quotes as its source (checks/ledger/quotes).
  'value-contradicts-quote',
]);
/** Probe codes that say the parser reads a field the documentation does not list. */
const PARSER_UNDOCUMENTED: ReadonlySet<FindingCode> = new Set<FindingCode>(['parser-reads-undocumented']);
/** Codes that judge whether an error is retried (the audit's rule, the negative suite's retryability). */
const RETRY_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'no-retry-on-invalid-request',
  'retryability-mismatch',
]);
/** A client-audit scenario that failed is coded by the first rule it broke: these codes are the audit's alone. */
const AUDIT_RULE_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(AUDIT_RULE_IDS);
/** Client-audit rules about falling back to another endpoint or model. */
const FALLBACK_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'no-fallback-on-invalid-or-auth',
  'fallback-documented',
]);

export const endpointAuthTraceable: Rule = {
  id: 'endpoint-auth-traceable',
  title: 'Endpoint and auth header are traceable to a source',
  effect: 'fail',
  seed: SEED.failHardCoded,
  evaluate: ({ contract, findings }) => [
    ...TRACEABLE.flatMap((id) => {
      const clause = contract.clause(id);
      return clause && !clause.pending && !isCited(clause.resolvedSource)
        ? [unsourced(clause, 'is used without a cited source')]
        : [];
    }),
    // The code scan (`review --repo`) reports literals in the application's source that the ledger does not trace.
    ...findings
      .filter((f) => (f.area === 'endpoint' || f.area === 'auth') && HARDCODED_ENDPOINT_AUTH.has(f.code))
      .filter((f) => f.class !== 'documented-handled' && f.class !== 'not-run')
      .map((f) => findingItem(f)),
  ],
};

export const parserDocumentedFields: Rule = {
  id: 'parser-documented-fields',
  title: 'The parser reads only documented fields',
  effect: 'fail',
  seed: SEED.failParser,
  evaluate: ({ contract, findings }) => {
    const items: RuleItem[] = [];
    const parsed = values.strings(contract, CLAUSE.parsedFields);
    const documented = values.strings(contract, CLAUSE.responseFields);
    if (parsed && documented) {
      const known = new Set(documented.map(normalizePath));
      for (const field of parsed.filter((path) => !known.has(normalizePath(path)))) {
        items.push({
          kind: 'clause',
          ref: CLAUSE.parsedFields,
          message: `the parser reads \`${field}\`, which ${CLAUSE.responseFields} does not document`,
        });
      }
    }
    for (const finding of findings) {
      // A ledger location that does not hold the clause is a wrong pointer, not an undocumented field read.
      const parserFinding =
        !isLocationNotFound(finding) &&
        (finding.clause === CLAUSE.parsedFields || PARSER_UNDOCUMENTED.has(finding.code));
      if (parserFinding && finding.class !== 'documented-handled' && finding.class !== 'not-run') {
        items.push(findingItem(finding));
      }
    }
    return items;
  },
};

/** Clauses whose errors are invalid requests: fix the request, never retry it. */
const INVALID_REQUEST = new Set<string>([
  CLAUSE.invalidRequest,
  CLAUSE.invalidRequest5xx,
  CLAUSE.invalidModel,
]);

export const noRetryInvalidRequest: Rule = {
  id: 'no-retry-invalid-request',
  title: 'Invalid requests are not retried',
  effect: 'fail',
  seed: SEED.failRetryInvalid,
  evaluate: ({ findings }) =>
    findings
      .filter(
        (f) => f.class === 'documented-not-handled' && f.clause !== null && INVALID_REQUEST.has(f.clause),
      )
      .filter((f) => AUDIT_RULE_CODES.has(f.code) || RETRY_CODES.has(f.code))
      .map((f) => findingItem(f)),
};

export const fallbackPreservesEvidence: Rule = {
  id: 'fallback-preserves-evidence',
  title: 'Fallback preserves incident evidence',
  effect: 'fail',
  seed: SEED.failFallback,
  evaluate: ({ findings }) =>
    findings
      .filter((f) => f.class === 'documented-not-handled')
      .filter((f) => f.clause === CLAUSE.fallbackVariable || FALLBACK_CODES.has(f.code))
      .map((f) => findingItem(f)),
};

/** Values that say "we rely on no number": nothing to source. */
const NOT_RELIED_ON = new Set<unknown>(['not-relied-on', 'none']);

export const limitsBillingDocumented: Rule = {
  id: 'limits-billing-documented',
  title: 'Billing and rate-limit assumptions are documented',
  effect: 'fail',
  seed: SEED.failBilling,
  evaluate: ({ contract }) =>
    contract.clauses
      .filter((clause) => clause.area === 'limits-billing' && !isLocal(clause))
      .flatMap((clause) => {
        if (clause.pending) return [unsourced(clause, 'is an assumption nobody has documented yet')];
        if (NOT_RELIED_ON.has(clause.value) || isCited(clause.resolvedSource)) return [];
        return [unsourced(clause, 'has no cited source')];
      }),
};

export const contractOwned: Rule = {
  id: 'contract-owned',
  title: 'Someone owns the integration contract',
  effect: 'fail',
  seed: SEED.failOwner,
  evaluate: ({ contract }) => {
    const owner = contract.clause(CLAUSE.contractOwner);
    if (owner && !owner.pending) return [];
    const message = owner
      ? `${CLAUSE.contractOwner} is pending: no named owner`
      : `${CLAUSE.contractOwner} is absent: no named owner`;
    return [{ kind: 'clause', ref: CLAUSE.contractOwner, message, pending: true }];
  },
};

export const numericLimitsSourced: Rule = {
  id: 'numeric-limits-sourced',
  title: 'Numbers claimed as contracted have a source',
  effect: 'fail',
  seed: SEED.numericLocal,
  evaluate: ({ contract }) =>
    contract.clauses
      .filter((clause) => !clause.pending && hasNumber(clause.value))
      .flatMap((clause) => {
        const basis = basisOf(clause);
        if (basis === 'contracted' && !isCited(clause.resolvedSource)) {
          return [unsourced(clause, 'is claimed as contracted without a cited source')];
        }
        if (basis === 'local' && !hasOwner(clause)) {
          return [unsourced(clause, 'is a local value with nobody named to tune it')];
        }
        return [];
      }),
};
