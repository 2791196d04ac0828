/**
 * @module classify/check-names
 * Every check name as one type, built from the checks' own name tables (`checks/<check>/codes.ts`): what a
 * finding's `check` is and what waivers (`negative:missing-auth:status-mismatch`) and the packet name. A consumer
 * selects by the family, case or scenario `parseCheck` reads from a name, never by a prefix of its own; renaming
 * a check is a compile error wherever it is named.
 */
import { AUDIT_SCENARIO_NAMES, type AuditScenarioName } from '../checks/audit/codes.js';
import type { LEDGER_CHECK } from '../checks/ledger/codes.js';
import { NEGATIVE_CASES, type NegativeCaseName } from '../checks/negative/codes.js';
import { PROBE_CHECKS, type ProbeCheck } from '../checks/probe/codes.js';
import type { SCAN_CHECK } from '../checks/scan/codes.js';
import type { SOURCES_CHECK } from '../checks/sources/codes.js';
import type { TRAFFIC_CHECK } from '../checks/traffic/codes.js';

/**
 * What a check belongs to. Each is also a check name of its own: the review's step of that name (a step that
 * did not run is one `not-run` finding named by it), or the only name the check has (`sources`, `ledger`, `scan`).
 */
export const CHECK_FAMILIES = [
  'probe',
  'negative',
  'audit',
  'traffic',
  'sources',
  'ledger',
  'scan',
] as const satisfies readonly CheckName[];
export type CheckFamily = (typeof CHECK_FAMILIES)[number];

export type NegativeCheck = `negative:${NegativeCaseName}`;
export type AuditCheck = `audit:${AuditScenarioName}`;
/** A traffic finding, named by the clause it was judged against (`unclaused` for none). */
export type TrafficClauseCheck = `traffic:${string}`;

/** A check's name, as a finding's `check` carries it. */
export type CheckName =
  | ProbeCheck
  | 'negative'
  | NegativeCheck
  | 'audit'
  | AuditCheck
  | typeof TRAFFIC_CHECK
  | TrafficClauseCheck
  | typeof SOURCES_CHECK
  | typeof LEDGER_CHECK
  | typeof SCAN_CHECK;

/** What a check name says: its family and, for a negative case, an audit scenario or a traffic clause, which. */
export type ParsedCheck =
  | { family: 'probe'; check: ProbeCheck }
  | { family: 'negative'; case: NegativeCaseName | null }
  | { family: 'audit'; scenario: AuditScenarioName | null }
  | { family: 'traffic'; clause: string | null }
  | { family: 'sources' | 'ledger' | 'scan' };

const UNCLAUSED = 'unclaused';

const has = <T extends string>(table: readonly T[], value: string): value is T =>
  (table as readonly string[]).includes(value);

/**
 * Reads a check name: what `Finding.check` holds, or a stored packet's `check` (a plain string there). A name no
 * check has is undefined.
 */
export function parseCheck(check: string): ParsedCheck | undefined {
  if (has(PROBE_CHECKS, check)) return { family: 'probe', check };
  const colon = check.indexOf(':');
  const head = colon === -1 ? check : check.slice(0, colon);
  const member = colon === -1 ? null : check.slice(colon + 1);
  switch (head) {
    case 'negative':
      if (member === null) return { family: 'negative', case: null };
      return has(NEGATIVE_CASES, member) ? { family: 'negative', case: member } : undefined;
    case 'audit':
      if (member === null) return { family: 'audit', scenario: null };
      return has(AUDIT_SCENARIO_NAMES, member) ? { family: 'audit', scenario: member } : undefined;
    case 'traffic':
      if (member === '') return undefined;
      return { family: 'traffic', clause: member === UNCLAUSED ? null : member };
    case 'sources':
    case 'ledger':
    case 'scan':
      return member === null ? { family: head } : undefined;
    default:
      return undefined;
  }
}

/** True when `check` is a name some check has. */
export function isCheckName(check: string): check is CheckName {
  return parseCheck(check) !== undefined;
}

/** The family a check belongs to; undefined for a name no check has (only a stored packet can hold one). */
export function checkFamily(check: CheckName): CheckFamily;
export function checkFamily(check: string): CheckFamily | undefined;
export function checkFamily(check: string): CheckFamily | undefined {
  return parseCheck(check)?.family;
}

/** The negative case a check name runs, when it is one. */
export function negativeCase(check: string): NegativeCaseName | undefined {
  const parsed = parseCheck(check);
  return parsed?.family === 'negative' ? (parsed.case ?? undefined) : undefined;
}

/** The audit scenario a check name judges, when it is one. */
export function auditScenario(check: string): AuditScenarioName | undefined {
  const parsed = parseCheck(check);
  return parsed?.family === 'audit' ? (parsed.scenario ?? undefined) : undefined;
}

/** The check name of a negative case. */
export const negativeCheck = (name: NegativeCaseName): NegativeCheck => `negative:${name}`;
/** The check name of an audit scenario. */
export const auditCheck = (name: AuditScenarioName): AuditCheck => `audit:${name}`;
/** The check name of the traffic findings judged against `clause` (null: no clause). */
export const trafficCheck = (clause: string | null): TrafficClauseCheck => `traffic:${clause ?? UNCLAUSED}`;
