/**
 * @module verdict/facts
 * Small pure questions the rules ask of a clause: is it sourced, implemented, validated, owned.
 */
import type { ProbeCheck } from '../checks/probe/codes.js';
import { parseCheck } from '../classify/check-names.js';
import type { Finding } from '../classify/types.js';
import {
  AREAS,
  type Area,
  CATALOGUE,
  CLAUSE,
  type Contract,
  type ContractClause,
  containsPlaceholder,
  isEmptyEvidence,
  isPlaceholder,
  type Source,
} from '../contract/index.js';

/** A source is traceable when it names a document (url) and quotes the passage. */
export function isCited(source: Source | undefined): boolean {
  return Boolean(source?.url && !isPlaceholder(source.url) && !isEmptyEvidence(source.quote));
}

/** Real implementation evidence: at least one entry whose location is not a placeholder. */
export function hasImplementation(clause: ContractClause): boolean {
  return clause.implementation.some((evidence) => !containsPlaceholder(evidence.location));
}

/** The clause's basis, falling back to the catalogue's for known ids. */
export function basisOf(clause: ContractClause): 'contracted' | 'local' | undefined {
  return clause.basis ?? CATALOGUE.find((entry) => entry.id === clause.id)?.basis;
}

/** A local value is the team's own: its "source" is a named owner, not a document. */
export function isLocal(clause: ContractClause): boolean {
  return basisOf(clause) === 'local';
}

export function hasOwner(clause: ContractClause): boolean {
  return Boolean(clause.owner && !isPlaceholder(clause.owner));
}

/** Validated outside chatproof (`validated: { on, evidence }`) with a real date. */
export function validatedOutside(clause: ContractClause): boolean {
  return Boolean(clause.validated && !containsPlaceholder(clause.validated));
}

export function hasNumber(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(hasNumber);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNumber);
  return false;
}

/** Clause ids the catalogue names for an area but the ledger lacks: they count as pending. */
export function absentIds(contract: Contract, area: Area): string[] {
  return CATALOGUE.filter((entry) => entry.area === area && !contract.clause(entry.id)).map((e) => e.id);
}

/** Areas in review order. */
export const AREA_ORDER: readonly Area[] = AREAS;

/** `choices[0].message.content` and `choices[].message.content` name the same field. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d*\]/g, '[]');
}

const TARGET_CLAUSES = [CLAUSE.baseUrl, CLAUSE.authHeader, CLAUSE.authScheme, CLAUSE.keyRef];

/** Checks whose handled result means a request reached the configured target with its auth and was answered. */
/** The body the probe sends is built from these: an answered probe shows the API took them as named. */
const BODY_CLAUSES = [
  CLAUSE.modelField,
  CLAUSE.messagesField,
  CLAUSE.roleField,
  CLAUSE.contentField,
  CLAUSE.userRole,
  CLAUSE.maxTokensField,
];
const ANSWERED_CHECKS: { readonly [C in ProbeCheck]: readonly string[] } = {
  probe: [...TARGET_CLAUSES, CLAUSE.chatPath, ...BODY_CLAUSES],
  'probe-stream': [...TARGET_CLAUSES, CLAUSE.chatPath, ...BODY_CLAUSES, CLAUSE.streamField],
  'probe-models': [...TARGET_CLAUSES, CLAUSE.modelsPath],
};

/**
 * The clauses a finding validates: none unless it is documented and handled; then the clause it was judged
 * against and, for an answered probe, the endpoint and auth clauses its request was built from. The verdict,
 * the clause table and the evidence ledger all read validation from here, so they cannot disagree.
 */
export function clausesValidatedBy(
  finding: Pick<Finding, 'class'> & {
    /** A check name; a stored packet's finding holds it as a plain string. */
    check: string;
    clause: string | null;
    clauses?: readonly string[] | undefined;
  },
): string[] {
  if (finding.class !== 'documented-handled') return [];
  const parsed = parseCheck(finding.check);
  const used = parsed?.family === 'probe' ? ANSWERED_CHECKS[parsed.check] : [];
  return [...new Set([...judgedClauses(finding), ...used])];
}

/** Every clause a finding judged: its own, then the others its check names. */
export function judgedClauses(finding: {
  clause: string | null;
  clauses?: readonly string[] | undefined;
}): string[] {
  return [...new Set([...(finding.clause ? [finding.clause] : []), ...(finding.clauses ?? [])])];
}

/** The area of a clause id: the ledger's clause, else the catalogue's entry. */
export function areaOf(contract: Contract, id: string): Area | undefined {
  return contract.clause(id)?.area ?? CATALOGUE.find((entry) => entry.id === id)?.area;
}
