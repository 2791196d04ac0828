/**
 * @module classify/classify
 * Observation × clause → one of the seed's four classes. Pure. "Matches the source" becomes
 * `documented-handled` only when the clause names real implementation evidence (not a placeholder).
 */
import {
  type Area,
  CATALOGUE,
  type ClauseRef,
  type Contract,
  type ContractClause,
  containsPlaceholder,
} from '../contract/index.js';
import type { ChatproofErrorCode } from '../errors.js';
import type { RunLimit } from '../http/types.js';
import type { CheckName } from './check-names.js';
import type { FindingCode } from './codes.js';
import type { FindingEvidence, JudgedFinding, NotRunFinding } from './types.js';

/**
 * How an observation relates to the documented source. `handled` and `not-handled` are for what the source
 * allows either way (an optional field that is absent): whether the application copes depends on whether it
 * reads the field, not on the clause's implementation evidence.
 */
export type Judgement = 'matches' | 'contradicts' | 'silent' | 'handled' | 'not-handled';

/** True when the clause lists at least one implementation location that is not a placeholder. */
export function hasImplementationEvidence(clause: ContractClause | undefined): boolean {
  if (!clause) return false;
  // Asked for every finding (a traffic audit raises millions); the implementation list does not change.
  const known = evidenceCache.get(clause.implementation);
  if (known !== undefined) return known;
  const has = clause.implementation.some((evidence) => !containsPlaceholder(evidence.location));
  evidenceCache.set(clause.implementation, has);
  return has;
}

const evidenceCache = new WeakMap<object, boolean>();

/** The class for a judgement against a clause. */
export function classFor(judgement: Judgement, clause: ContractClause | undefined): JudgedFinding['class'] {
  switch (judgement) {
    case 'matches':
      return hasImplementationEvidence(clause) ? 'documented-handled' : 'documented-not-handled';
    case 'contradicts':
      return 'unexpected';
    case 'silent':
      return 'observed-not-documented';
    case 'handled':
      return 'documented-handled';
    case 'not-handled':
      return 'documented-not-handled';
  }
}

/** The area of a clause id: from the ledger, else the catalogue, else the id's prefix. */
export function areaOf(contract: Contract, clauseId: string | null, fallback: Area): Area {
  if (clauseId === null) return fallback;
  const known = contract.clause(clauseId)?.area ?? CATALOGUE.find((entry) => entry.id === clauseId)?.area;
  return known ?? fallback;
}

export interface ClassifyInput {
  check: CheckName;
  /** Area when it cannot be read from the clause. */
  area: Area;
  clause: ClauseRef | null;
  code: FindingCode;
  message: string;
  judgement: Judgement;
  evidence?: FindingEvidence;
}

/** Builds a judged finding; the class follows from the judgement and the clause's implementation evidence. */
export function classifyFinding(contract: Contract, input: ClassifyInput): JudgedFinding {
  const clause = input.clause === null ? undefined : contract.clause(input.clause);
  return {
    class: classFor(input.judgement, clause),
    check: input.check,
    area: areaOf(contract, input.clause, input.area),
    clause: input.clause,
    code: input.code,
    message: input.message,
    evidence: input.evidence ?? {},
  };
}

export interface NotRunInput {
  check: CheckName;
  area: Area;
  clause: ClauseRef | null;
  code: FindingCode;
  reason: string;
  /** Pending or missing clauses that blocked it, when that is why. */
  blockedBy?: readonly ClauseRef[];
  /** The local limit that ended it, when that is why. */
  limit?: RunLimit | undefined;
  /** What would let it run, when the producer knows. */
  hint?: string;
  /** The chatproof error that kept it from running, when one did. */
  error?: ChatproofErrorCode;
  evidence?: FindingEvidence;
}

/** A check (or one judgement of it) that could not run; never a pass. */
export function notRun(input: NotRunInput): NotRunFinding {
  return {
    class: 'not-run',
    check: input.check,
    area: input.area,
    clause: input.clause,
    code: input.code,
    message: `not run: ${input.reason}`,
    reason: input.reason,
    ...(input.blockedBy && input.blockedBy.length > 0 ? { blockedBy: [...input.blockedBy] } : {}),
    ...(input.limit ? { limit: { ...input.limit } } : {}),
    ...(input.hint ? { hint: input.hint } : {}),
    ...(input.error ? { error: input.error } : {}),
    evidence: input.evidence ?? {},
  };
}

export interface ConfigurationInput {
  check: CheckName;
  area: Area;
  /** The operator's clause to check: `auth.key-ref`, `endpoint.base-url`. */
  clause: ClauseRef;
  code: FindingCode;
  message: string;
  evidence?: FindingEvidence;
}

/**
 * An answer that shows the target is configured wrongly (wrong key, base URL, or server): the operator's to fix.
 * It fails the review and is never escalated: the provider did nothing against its documentation.
 */
export function configuration(input: ConfigurationInput): JudgedFinding {
  return {
    class: 'configuration',
    check: input.check,
    area: input.area,
    clause: input.clause,
    code: input.code,
    message: input.message,
    evidence: input.evidence ?? {},
  };
}
