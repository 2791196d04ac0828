/**
 * @module classify/output
 * The versioned JSON document `probe`/`negative` print with `--json` and write with `--out`. Version 1;
 * fields are only ever added. Pure.
 */

import { EXIT } from '../exit.js';
import { blocksPass } from './classes.js';
import { FINDING_CLASSES, type Finding, type FindingClass } from './types.js';

/** Version of the findings document; bumped only for a breaking change (never so far). */
export const FINDINGS_SCHEMA_VERSION = 1;

/** Count of findings per class; every class is present, zero or not. */
export type ClassSummary = Record<FindingClass, number>;

export function summarize(findings: readonly Pick<Finding, 'class'>[]): ClassSummary {
  const summary = Object.fromEntries(FINDING_CLASSES.map((name) => [name, 0])) as ClassSummary;
  for (const finding of findings) summary[finding.class] += 1;
  return summary;
}

/**
 * The exit code a probe or negative run maps to, on the review's scale: 2 (escalate) when behaviour
 * contradicts the source, 1 (fail) when something documented is not handled, the target is configured wrongly
 * or a check did not run, else 0. Every check's exit code is this one (the traffic audit's adds "nothing judged").
 */
export function findingsExitCode(findings: readonly Pick<Finding, 'class' | 'code'>[]): 0 | 1 | 2 {
  const summary = summarize(findings);
  if (summary.unexpected > 0) return EXIT.escalate;
  if (summary['documented-not-handled'] > 0 || summary.configuration > 0 || findings.some(blocksPass))
    return EXIT.fail;
  return EXIT.pass;
}
