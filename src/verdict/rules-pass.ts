/**
 * @module verdict/rules-pass
 * What a pass requires: a complete review, and in every area source evidence, implementation evidence and a
 * validation result. Pending clauses and checks that did not run never count.
 */
import { blocksPass } from '../classify/classes.js';
import type { Finding } from '../classify/types.js';
import { AREAS, type Area, type Contract } from '../contract/index.js';
import { SEED } from '../seed.js';
import {
  absentIds,
  areaOf,
  clausesValidatedBy,
  hasImplementation,
  hasOwner,
  isCited,
  isLocal,
  validatedOutside,
} from './facts.js';
import { findingKey, type Rule, type RuleItem } from './types.js';

export const reviewComplete: Rule = {
  id: 'review-complete',
  title: 'The review ran to the end',
  effect: 'required-for-pass',
  seed: SEED.everyRow,
  evaluate: ({ incomplete }) =>
    incomplete
      ? [{ kind: 'review', ref: 'review', message: 'the review was interrupted; its packet is incomplete' }]
      : [],
};

export const areaSourceEvidence: Rule = {
  id: 'area-source-evidence',
  title: 'Every contract area has source evidence',
  effect: 'required-for-pass',
  seed: SEED.passOnly,
  evaluate: ({ contract }) => {
    const items: RuleItem[] = [];
    for (const area of AREAS) {
      const clauses = contract.clauses.filter((clause) => clause.area === area);
      const absent = absentIds(contract, area);
      if (clauses.length === 0 && absent.length === 0) {
        items.push({ kind: 'area', ref: area, message: `no clause covers the ${area} area` });
      }
      for (const id of absent) {
        items.push({
          kind: 'clause',
          ref: id,
          message: `${id} is absent from the ledger (pending)`,
          pending: true,
        });
      }
      for (const clause of clauses) {
        if (clause.pending) {
          items.push({
            kind: 'clause',
            ref: clause.id,
            message: `${clause.id} is pending: its value is a placeholder`,
            pending: true,
          });
        } else if (clause.pendingFields.length > 0) {
          items.push({
            kind: 'clause',
            ref: clause.id,
            message: `${clause.id} is pending: ${clause.pendingFields.join(', ')} still to fill (a placeholder, or a quote that quotes nothing)`,
          });
        } else if (isLocal(clause) ? !hasOwner(clause) : !isCited(clause.resolvedSource)) {
          const what = isLocal(clause) ? 'a local value with no owner' : 'no cited source (url and quote)';
          items.push({ kind: 'clause', ref: clause.id, message: `${clause.id} has ${what}` });
        }
      }
    }
    return items;
  },
};

export const areaImplementationEvidence: Rule = {
  id: 'area-implementation-evidence',
  title: 'Every contract area has implementation evidence',
  effect: 'required-for-pass',
  seed: SEED.passOnly,
  evaluate: ({ contract }) =>
    contract.clauses
      .filter((clause) => !clause.pending && !hasImplementation(clause))
      .map((clause) => ({
        kind: 'clause' as const,
        ref: clause.id,
        message: `${clause.id} names no implementation artifact (config key, file:line, test, dashboard, runbook)`,
      })),
};

/** A handled finding validates its own area and the area of every clause it validates. */
function validates(finding: Finding, area: Area, contract: Contract): boolean {
  if (finding.area === area) return true;
  return clausesValidatedBy(finding).some((id) => areaOf(contract, id) === area);
}

export const areaValidatedResults: Rule = {
  id: 'area-validated-results',
  title: 'Every contract area has a validation result',
  effect: 'required-for-pass',
  seed: SEED.everyRow,
  evaluate: ({ contract, findings }) => {
    const items: RuleItem[] = [];
    for (const area of AREAS) {
      const inArea = findings.filter((finding) => finding.area === area);
      for (const finding of inArea) {
        if (blocksPass(finding)) {
          items.push({
            kind: 'finding',
            ref: findingKey(finding),
            clause: finding.clause,
            message: `${finding.check} did not run: ${finding.reason}`,
          });
        } else if (finding.class === 'documented-not-handled') {
          items.push({
            kind: 'finding',
            ref: findingKey(finding),
            clause: finding.clause,
            message: `documented but not handled: ${finding.message}`,
          });
        }
      }
      const handled = findings.some(
        (finding) => finding.class === 'documented-handled' && validates(finding, area, contract),
      );
      const outside = contract.clauses.some(
        (clause) => clause.area === area && !clause.pending && validatedOutside(clause),
      );
      if (!handled && !outside) {
        items.push({ kind: 'area', ref: area, message: `no check validated the ${area} area` });
      }
    }
    return items;
  },
};
