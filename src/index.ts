/**
 * @module chatproof
 * The public library API. Named exports only; everything here is a promise to users' code.
 */

export {
  type AuditOptions,
  type AuditResult,
  auditClient,
  RULES as AUDIT_RULES,
  type RuleOutcome as AuditRuleOutcome,
  type RuleSource as AuditRuleSource,
  renderTable as renderAuditTable,
  type Scenario as AuditScenarioDefinition,
  type ScenarioResult as AuditScenarioResult,
} from './checks/audit/index.js';
export {
  createBudget,
  type NegativeOptions,
  type NegativeResult,
  type ProbeOptions,
  type ProbeResult,
  type RunOptions,
  runNegative,
  runProbe,
} from './checks/index.js';
export { checkSources, type SourceCheckResult } from './checks/sources/index.js';
export { FINDINGS_SCHEMA_VERSION, findingsExitCode, summarize } from './classify/index.js';
export type { Finding, FindingClass, FindingEvidence } from './classify/types.js';
export { FINDING_CLASSES } from './classify/types.js';
export * from './contract/index.js';
export {
  ChatproofError,
  type ChatproofErrorCode,
  formatLocation,
  type Problem,
  type SourceLocation,
} from './errors.js';
export {
  createHttpClient,
  createSseReader,
  curlReproducer,
  type HttpClient,
  type HttpClientOptions,
  readSse,
  resolveSecret,
  type SseEvent,
  type StreamExchange,
} from './http/index.js';
export type { Exchange, Timings } from './http/types.js';
export { CHECKS, type Plan, type PlannedCheck, planChecks } from './plan/index.js';
/** The fault catalogue: `faults.status({...})`, `faults.delay(500)`, `faults.sequence(2, …)`, … */
export * as faults from './proxy/faults/index.js';
export {
  type Attempt,
  type AttemptOutcome,
  compose as composeFaults,
  type Fault,
  type Handler,
  type ProxyOptions,
  type ProxyRequest,
  type ProxyResponse,
  parseFaultSpec,
  type RunningProxy,
  startProxy,
} from './proxy/index.js';
export {
  buildPacket,
  CSP,
  maskPacket,
  PACKET_SCHEMA_VERSION,
  type Packet,
  type PacketFinding,
  type PacketFormat,
  PacketSchema,
  packetJsonSchema,
  RENDERERS,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
} from './report/index.js';
export { type ReviewOptions, type ReviewResult, review } from './review/index.js';
export {
  type CatalogueItem,
  DEMO_KEY,
  DRIFTS,
  errorBody,
  FAULT_HEADER,
  FAULTS,
  MODEL_SUFFIX,
  PROFILE_NAMES,
  type Profile,
  type ProfileName,
  profileLedger,
  SEQUENCE_HEADER,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './simulator/index.js';
export {
  type AuditScenario,
  judge,
  type Reason,
  RULES,
  type RuleResult,
  VERDICT_EXIT_CODE,
  type Verdict,
  type VerdictInput,
  type VerdictResult,
  type WaiverStatus,
} from './verdict/index.js';
