/** @module checks/audit/policy Reads the local retry policy the audit judges by. Pure. */
import { CLAUSE, type Contract, values } from '../../contract/index.js';
import type { AuditPolicy } from './types.js';

/** The retry budget, timeout and fallback variable from the ledger; pending clauses stay undefined. */
export function auditPolicy(contract: Contract): AuditPolicy {
  const policy: AuditPolicy = { noFallback: false };
  const maxAttempts = values.number(contract, CLAUSE.maxAttempts);
  const maxTotalWaitMs = values.number(contract, CLAUSE.maxTotalWaitMs);
  const timeoutMs = values.number(contract, CLAUSE.timeoutMs);
  const fallback = values.string(contract, CLAUSE.fallbackVariable);
  if (maxAttempts !== undefined) policy.maxAttempts = maxAttempts;
  if (maxTotalWaitMs !== undefined) policy.maxTotalWaitMs = maxTotalWaitMs;
  if (timeoutMs !== undefined) policy.timeoutMs = timeoutMs;
  if (fallback === 'none') policy.noFallback = true;
  else if (fallback !== undefined) policy.fallbackVariable = fallback;
  return policy;
}
