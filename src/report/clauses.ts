/**
 * @module report/clauses
 * The clause table: for each clause its source, implementation, validation and owner.
 */
import { blocksPass } from '../classify/index.js';
import type { Contract, ContractClause } from '../contract/index.js';
import { isPlaceholder } from '../contract/index.js';
import { clausesValidatedBy, type VerdictResult } from '../verdict/index.js';
import { whyUnvalidated } from './clause-coverage.js';
import type { ClauseRow, PacketFinding } from './schema.js';
import type { ScanSection } from './schema-scan.js';

type ValidationStatus = ClauseRow['validation']['status'];

/**
 * The strongest signal wins: a discrepancy outranks a failure (the documented case not handled, or the operator's
 * configuration wrong: a rejected key, a base URL that misses its prefix), which outranks a check that did not run.
 */
function validationOf(clause: ContractClause, findings: readonly PacketFinding[]): ValidationStatus {
  // The documents' silence on part of a clause is shown with it, and says nothing of its validation.
  const classes = new Set(findings.filter((f) => f.class !== 'not-run' || blocksPass(f)).map((f) => f.class));
  if (classes.has('unexpected')) return 'discrepancy';
  if (classes.has('configuration') || classes.has('documented-not-handled')) return 'failed';
  if (classes.has('not-run')) return 'not-run';
  if (classes.has('documented-handled')) return 'validated';
  if (classes.has('observed-not-documented')) return 'observed';
  if (clause.pending) return 'pending';
  return clause.validated ? 'validated-outside' : 'unvalidated';
}

function validationRow(clause: ContractClause, related: readonly PacketFinding[]): ClauseRow['validation'] {
  const status = validationOf(clause, related);
  const findings = related.map((finding) => finding.key);
  return status === 'unvalidated'
    ? { status, findings, why: whyUnvalidated(clause, related.length) }
    : { status, findings };
}

/** Each clause's checked locations, in the order of its implementation entries (the scan checks them so). */
function locationsByClause(scan: ScanSection | undefined): Map<string, ScanSection['locations']> {
  const by = new Map<string, ScanSection['locations']>();
  for (const location of scan?.locations ?? []) {
    const list = by.get(location.clause) ?? [];
    list.push(location);
    by.set(location.clause, list);
  }
  return by;
}

const known = (value: string | undefined): string | null => (value && !isPlaceholder(value) ? value : null);

export function clauseRows(
  contract: Contract,
  findings: readonly PacketFinding[],
  verdict: VerdictResult,
  scan?: ScanSection,
): ClauseRow[] {
  const checked = locationsByClause(scan);
  const waived = new Map<string, string>();
  for (const rule of verdict.rules) {
    for (const item of rule.items)
      if (item.kind === 'clause' && item.waivedBy) waived.set(item.ref, item.waivedBy);
  }
  return contract.clauses.map((clause) => {
    // Judged against this clause, or handled by a check whose request was built from it (an answered probe).
    const related = findings.filter(
      (finding) => finding.clauses.includes(clause.id) || clausesValidatedBy(finding).includes(clause.id),
    );
    const source = clause.resolvedSource;
    return {
      id: clause.id,
      area: clause.area,
      statement: clause.statement,
      value: clause.value,
      pending: clause.pending,
      pendingFields: [...clause.pendingFields],
      basis: clause.basis ?? null,
      source: source
        ? {
            title: known(source.title),
            url: known(source.url),
            accessed: known(source.accessed),
            quote: known(source.quote),
          }
        : null,
      implementation: clause.implementation.map((evidence, index) => {
        const location = checked.get(clause.id)?.[index];
        return location?.location === evidence.location
          ? { ...evidence, status: location.status, detail: location.detail }
          : // Without a scan every location is taken as written (the qualifier implementation-not-verified).
            { ...evidence, status: 'not checked' as const };
      }),
      owner: known(clause.owner),
      validation: validationRow(clause, related),
      waivedBy: waived.get(clause.id) ?? null,
    };
  });
}
