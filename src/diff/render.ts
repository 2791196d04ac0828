/**
 * @module diff/render
 * A comparison for the terminal; the Markdown form is the packet's own comparison section.
 */
import { byGrade, comparisonHeadline, comparisonMarkdown } from '../report/comparison.js';
import type { Comparison } from '../report/schema-comparison.js';

export { byGrade, comparisonMarkdown };

/** The terminal form: one line per change, breaking first. */
export function comparisonText(comparison: Comparison): string {
  const head = comparison.head?.id ?? 'this review';
  const lines = [`${comparison.base.id} -> ${head}: ${comparisonHeadline(comparison)}`];
  for (const change of byGrade(comparison.changes)) {
    lines.push(`  ${change.grade.padEnd(8)} ${change.subject}: ${change.message} [${change.rule}]`);
  }
  return `${lines.join('\n')}\n`;
}
