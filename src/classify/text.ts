/**
 * @module classify/text
 * A plain-text listing of findings for terminals: one line per finding, then the count per class. Pure;
 * colour is a function passed in.
 */
import { CLASS_INFO, needsAttention, type ToneStyle, toned } from './classes.js';
import { FINDING_CLASSES, type Finding } from './types.js';

export type TextStyle = ToneStyle;

const plain: TextStyle = { red: (t) => t, green: (t) => t, yellow: (t) => t, dim: (t) => t };

/** Lines for `findings`; with `quiet` only the problems (neither handled nor merely observed). */
export function findingsText(findings: readonly Finding[], style: TextStyle = plain, quiet = false): string {
  const lines: string[] = [];
  for (const finding of findings) {
    if (quiet && !needsAttention(finding.class)) continue;
    const clause = finding.clause ? style.dim(` [${finding.clause}]`) : '';
    lines.push(
      `  ${toned(style, CLASS_INFO[finding.class].tone, CLASS_INFO[finding.class].mark)} ${finding.check} ${finding.code}: ${finding.message}${clause}`,
    );
  }
  const counts = FINDING_CLASSES.map((name) => `${findings.filter((f) => f.class === name).length} ${name}`);
  lines.push(`  ${counts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
