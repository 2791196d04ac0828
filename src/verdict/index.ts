/** Pure: findings and the contract → pass / fail / escalate with the rules and findings that decided it. */

export { clausesValidatedBy, isCited, judgedClauses } from './facts.js';
export { hintFor, notRunHint } from './hints.js';
export { RULES } from './rules.js';
export { EVIDENCE_ITEMS } from './seed.js';
export {
  findingKey,
  type Reason,
  type Rule,
  type RuleEffect,
  type RuleItem,
  type RuleResult,
  type RuleStatus,
  VERDICTS,
  type Verdict,
  type VerdictInput,
  type VerdictResult,
  type WaiverState,
  type WaiverStatus,
} from './types.js';
export { judge, VERDICT_EXIT_CODE } from './verdict.js';
export { applyWaivers, waiverState } from './waivers.js';
