/** Checks: one library function per command, called by the CLI and by `review`. */
export {
  type NegativeOptions,
  type NegativeRecord,
  type NegativeResult,
  runNegative,
} from './negative/index.js';
export {
  type Budget,
  type BudgetLimits,
  type BudgetRecord,
  type CapturedAnswer,
  createBudget,
  type JudgedAnswer,
  judgeChatAnswer,
  keyNotRun,
  type ModelValidation,
  type ParserResult,
  type ProbeOptions,
  type ProbeRecord,
  type ProbeResult,
  type RunDocument,
  type RunOptions,
  type RunRefusal,
  runProbe,
  type StreamSummary,
  type TargetRecord,
} from './probe/index.js';
