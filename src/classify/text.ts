/**
 * @module classify/text
 * A plain-text listing of findings for terminals: one line per finding, then the count per class. Pure;
 * colour is a function passed in.
 */
import { FINDING_CLASSES, type Finding, type FindingClass } from './types.js';

export interface TextStyle {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const plain: TextStyle = { red: (t) => t, green: (t) => t, yellow: (t) => t, dim: (t) => t };

const MARK: Record<FindingClass, (s: TextStyle) => string> = {
  'documented-handled': (s) => s.green('ok   '),
  'documented-not-handled': (s) => s.yellow('todo '),
  'observed-not-documented': (s) => s.dim('seen '),
  unexpected: (s) => s.red('DIFF '),
  'not-run': (s) => s.yellow('skip '),
};

/** Lines for `findings`; with `quiet` only the problems (neither handled nor merely observed). */
export function findingsText(findings: readonly Finding[], style: TextStyle = plain, quiet = false): string {
  const lines: string[] = [];
  for (const finding of findings) {
    if (quiet && (finding.class === 'documented-handled' || finding.class === 'observed-not-documented'))
      continue;
    const clause = finding.clause ? style.dim(` [${finding.clause}]`) : '';
    lines.push(
      `  ${MARK[finding.class](style)} ${finding.check} ${finding.code}: ${finding.message}${clause}`,
    );
  }
  const counts = FINDING_CLASSES.map((name) => `${findings.filter((f) => f.class === name).length} ${name}`);
  lines.push(`  ${counts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
