/** Graded drift between two review packets: what changed, how much it matters, and the rule that says so. */
export { diffPackets, type ReviewRef } from './diff.js';
export { observe, type PacketView } from './observe.js';
export { byGrade, comparisonMarkdown, comparisonText } from './render.js';
export { DIFF_RULES, type DiffRule, type DiffRuleId } from './rules.js';
export { type Shape, shapeOf } from './shape.js';
