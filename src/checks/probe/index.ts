/** The contract probe: the seed's step 3, JSON and stream, judged against the ledger. */

export { type CapturedAnswer, type JudgedAnswer, judgeChatAnswer } from './answer.js';
export { type Budget, type BudgetLimits, type BudgetStop, createBudget } from './budget.js';
export { PROBE_CODES, type ProbeCode } from './codes.js';
export { type HeaderReading, readHeader } from './header-syntax.js';
export type { ParserResult } from './judge-body.js';
export { judgeSchema } from './judge-fields.js';
export {
  essence,
  judgeHeaders,
  judgeMediaType,
  rateLimitOverruns,
  readRetrySignal,
} from './judge-headers.js';
export { isErrorEnvelope, judgeJson } from './judge-json.js';
export { judgeMeaning } from './judge-meaning.js';
export { judgeStream, type StreamSummary } from './judge-stream.js';
export {
  type EmitExtra,
  emit,
  evidenceOf,
  type JudgeContext,
  judgeable,
  judgeLocalCut,
  judgeRateLimit,
  judgeTransport,
  stated,
} from './judging.js';
export { checkMeaning, type MeaningCheck, type MeaningViolation } from './meaning.js';
export {
  containsString,
  judgeModelNotListed,
  type ModelValidation,
  type ModelValidationKind,
  validateModel,
} from './model.js';
export { normalizePath, observedPaths, resolvePath, shapeOf, valueAt } from './paths.js';
export { keyNotRun, type RunRefusal, refusedNotRun } from './refusal.js';
export {
  type ChatFields,
  chatFields,
  jsonHeaders,
  PROBE_LITERAL,
  PROBE_MAX_TOKENS,
  PROBE_PROMPT,
  probeBody,
} from './request.js';
export { blockedFindings, budgetRecord, type ProbeOptions, runProbe, targetRecord } from './run.js';
export { checkSchema, knownFormat, type SchemaCheck, type SchemaViolation } from './schema.js';
export {
  type Opened,
  openSession,
  type PreparedRequest,
  type RunOptions,
  type Sent,
  type Session,
} from './session.js';
export { assertBaseUrl, joinUrl, resolveTarget, type Target, type TargetOverride } from './target.js';
export { parseJson } from './tokens.js';
export type {
  BudgetRecord,
  ProbeRecord,
  ProbeResult,
  RunDocument,
  TargetRecord,
} from './types.js';
