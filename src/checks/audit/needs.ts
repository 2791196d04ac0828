/**
 * @module checks/audit/needs
 * Which pending clauses stop the audit. Clauses every scenario relies on (the model the client is told to use,
 * whether it has a fallback) block the whole audit, like `chatproof probe` refuses a pending ledger; clauses only
 * some scenarios rely on (an error's status, the retry budget) make those scenarios `not-run`. Pure.
 */
import { CLAUSE, type ClauseId, type Contract } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import type { AuditScenario } from './types.js';

/**
 * Needed by every scenario: without `request.model-id` the client is not told which model to call and falls
 * back to a guess of its own (the baseline then fails for a reason the audit made up); without
 * `policy.fallback-variable` a fallback cannot be routed through the proxy, so it would go unseen.
 */
export const AUDIT_WIDE_CLAUSES: readonly ClauseId[] = [CLAUSE.modelId, CLAUSE.fallbackVariable];

/** Scenarios whose rules judge retries against the ledger's budget, which they cannot do while it is pending. */
const RETRY_KINDS: readonly AuditScenario['kind'][] = ['rate-limit', 'transient', 'persistent-failure'];
const RETRY_BUDGET: readonly ClauseId[] = [CLAUSE.maxAttempts, CLAUSE.maxTotalWaitMs];

const pendingReason = (clauses: readonly string[]) =>
  `needs ${clauses.join(', ')}, which ${clauses.length === 1 ? 'is' : 'are'} pending or missing in the ledger`;

/** The scenarios with `notRun` set where the retry budget they are judged by is pending. */
export function markBudgetPending(contract: Contract, scenarios: readonly AuditScenario[]): AuditScenario[] {
  const budget = contract.missing(RETRY_BUDGET);
  return scenarios.map((scenario) =>
    scenario.notRun === undefined && budget.length > 0 && RETRY_KINDS.includes(scenario.kind)
      ? { ...scenario, notRun: pendingReason(budget), blockedBy: budget }
      : scenario,
  );
}

/** The pending clauses a scenario that is `not-run` for that reason waits on (none for other reasons). */
export function pendingClausesOf(contract: Contract, scenario: AuditScenario): string[] {
  if (scenario.notRun === undefined) return [];
  return contract.missing(scenario.blockedBy ?? []);
}

/**
 * The pending clauses that keep the audit from judging anything trustworthy: a clause every scenario needs, or,
 * when every selected scenario is blocked, every pending clause they need (so one pass over the ledger fills them
 * all). Empty when the audit can run.
 */
export function auditBlockedBy(
  contract: Contract,
  scenarios: readonly AuditScenario[],
  extra: readonly string[] = [],
): string[] {
  const wide = contract.missing([...extra, ...AUDIT_WIDE_CLAUSES]);
  const blocked = scenarios.every((scenario) => pendingClausesOf(contract, scenario).length > 0);
  if (wide.length === 0 && !(blocked && scenarios.length > 0)) return [];
  return [...new Set([...wide, ...scenarios.flatMap((scenario) => pendingClausesOf(contract, scenario))])];
}

/** Throws `E_PLACEHOLDER`, listing the clauses, when `auditBlockedBy` names any (the command's refusal). */
export function refuseIfAuditBlocked(
  contract: Contract,
  scenarios: readonly AuditScenario[],
  extra: readonly string[] = [],
): void {
  const all = auditBlockedBy(contract, scenarios, extra);
  if (all.length === 0) return;
  throw new ChatproofError(
    'E_PLACEHOLDER',
    `\`chatproof audit-client\` needs clauses that are still pending (fill them from the documentation and the application's configuration; nothing is guessed):\n${all.map((id) => `  - ${id}`).join('\n')}`,
  );
}
