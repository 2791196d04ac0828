/**
 * @module plan/plan
 * Contract → the checks to run, each ready or blocked by the pending clauses it needs. Pure: no network,
 * no clock. A blocked check becomes a `not-run` finding; the CLI refuses to start while one is blocked.
 */
import { CLAUSE, type ClauseId, type Contract, containsPlaceholder } from '../contract/index.js';
import { CHECKS, type CheckKind, type CheckSpec } from './checks.js';

/** Target values given on the command line for one run; they stand in for the ledger's clauses. */
export interface TargetOverrides {
  baseUrl?: string;
  keyRef?: string;
}

export type PlannedCheck =
  | { spec: CheckSpec; status: 'ready'; pendingJudges: ClauseId[] }
  | { spec: CheckSpec; status: 'blocked'; pending: ClauseId[]; reason: string };

export interface Plan {
  kind: CheckKind;
  checks: PlannedCheck[];
  /** Every pending clause that blocks some check, in catalogue order of first need. */
  pending: ClauseId[];
  /** Requests the plan sends at most (the probe may add one model-list request). */
  requests: number;
}

/** True when the ledger marks the model id validated with real evidence (not a placeholder). */
export function modelValidatedInLedger(contract: Contract): boolean {
  const clause = contract.clause(CLAUSE.modelId);
  return Boolean(clause?.validated && !containsPlaceholder(clause.validated));
}

/** Plans the checks of one kind. `only` restricts to these check ids. */
export function planChecks(
  contract: Contract,
  kind: CheckKind,
  overrides: TargetOverrides = {},
  only?: readonly string[],
): Plan {
  const overridden = new Set<string>();
  if (overrides.baseUrl !== undefined) overridden.add(CLAUSE.baseUrl);
  if (overrides.keyRef !== undefined) overridden.add(CLAUSE.keyRef);
  const specs = CHECKS.filter((spec) => spec.kind === kind && (!only || only.includes(spec.id)));
  const checks = specs.map((spec): PlannedCheck => {
    const needs = spec.needs.filter((id) => !overridden.has(id));
    // The probe may only use a model id that is validated: by the model list (needs its path) or the ledger.
    if (kind === 'probe' && !modelValidatedInLedger(contract)) needs.push(CLAUSE.modelsPath);
    const pending = contract.missing(needs);
    if (pending.length > 0) {
      return { spec, status: 'blocked', pending, reason: `pending clause(s): ${pending.join(', ')}` };
    }
    return { spec, status: 'ready', pendingJudges: contract.missing(spec.judges) };
  });
  const pending = [...new Set(checks.flatMap((check) => (check.status === 'blocked' ? check.pending : [])))];
  const ready = checks.filter((check) => check.status === 'ready').length;
  const modelList = kind === 'probe' && ready > 0 && contract.known(CLAUSE.modelsPath) !== undefined ? 1 : 0;
  return { kind, checks, pending, requests: ready + modelList };
}
