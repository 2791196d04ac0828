/** The client audit: run an application under the fault proxy, scenario by scenario, and judge it. */

export { type AuditOptions, auditClient, auditPendingClauses, DEFAULT_LIMIT_MS, planAudit } from './audit.js';
export { AUDIT_CODES, AUDIT_RULE_IDS, type AuditCode, type AuditRuleId } from './codes.js';
export { judgeScenario, notRunResult } from './judge.js';
export { AUDIT_WIDE_CLAUSES, auditBlockedBy, refuseIfAuditBlocked } from './needs.js';
export { askedWaitMs, observeCalls } from './observe.js';
export { auditPolicy } from './policy.js';
export { type AuditProgressEvent, auditProgressReporter } from './progress.js';
export { AUDIT_RULES, type AuditRule, type AuditRuleContext } from './rules.js';
export { buildScenarios, streamContentPath } from './scenarios.js';
export { type AuditTableStyle, renderAuditTable } from './table.js';
export type {
  AuditPolicy,
  AuditResult,
  AuditRuleOutcome,
  AuditRuleSource,
  AuditScenario,
  AuditScenarioRecord,
  AuditScenarioResult,
  CallObservation,
  CommandRun,
  ScenarioKind,
} from './types.js';
