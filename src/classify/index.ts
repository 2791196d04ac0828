/** Pure: observation × clauses → findings in the review's four classes (plus not-run). */
export {
  areaOf,
  classFor,
  hasImplementationEvidence,
  type JudgeInput,
  type Judgement,
  judge,
  type NotRunInput,
  notRun,
} from './classify.js';
export { type ClassSummary, FINDINGS_SCHEMA_VERSION, findingsExitCode, summarize } from './output.js';
export { findingsText, type TextStyle } from './text.js';
export * from './types.js';
