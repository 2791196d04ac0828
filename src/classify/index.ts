/** Pure: observation × clauses → findings in the review's four classes (plus not-run). */

export {
  type AuditCheck,
  auditCheck,
  auditScenario,
  CHECK_FAMILIES,
  type CheckFamily,
  type CheckName,
  checkFamily,
  isCheckName,
  type NegativeCheck,
  negativeCase,
  negativeCheck,
  type ParsedCheck,
  parseCheck,
  type TrafficClauseCheck,
  trafficCheck,
} from './check-names.js';
export {
  assertNever,
  blocksPass,
  bySeverity,
  CLASS_INFO,
  CLASS_LABEL,
  CLASS_TONE,
  type ClassInfo,
  isProblem,
  mostSevere,
  NOT_STATED,
  needsAttention,
  type ProblemClass,
  SEVERITY,
  severity,
  type Tone,
  type ToneStyle,
  toned,
} from './classes.js';
export {
  areaOf,
  type ClassifyInput,
  type ConfigurationInput,
  classFor,
  classifyFinding,
  configuration,
  hasImplementationEvidence,
  type Judgement,
  type NotRunInput,
  notRun,
} from './classify.js';
export type { FindingCode } from './codes.js';
export {
  exchangeOf,
  type ReferencedFinding,
  type ReferencedFindings,
  referenceExchanges,
} from './evidence-refs.js';
export { type ClassSummary, FINDINGS_SCHEMA_VERSION, findingsExitCode, summarize } from './output.js';
export { findingsText, type TextStyle } from './text.js';
export {
  FINDING_CLASSES,
  type Finding,
  type FindingClass,
  type FindingEvidence,
  type JudgedFinding,
  type NotRunFinding,
} from './types.js';
