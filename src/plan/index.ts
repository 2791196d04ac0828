/** Pure planning: Contract → checks to run, with the clauses each needs. */
export {
  BODY_CLAUSES,
  CHECKS,
  type CheckKind,
  type CheckSpec,
  expectationClause,
  TARGET_CLAUSES,
} from './checks.js';
export {
  modelValidatedInLedger,
  type Plan,
  type PlannedCheck,
  planChecks,
  type TargetOverrides,
} from './plan.js';
