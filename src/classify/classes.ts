/**
 * @module classify/classes
 * The finding classes' vocabulary, defined once: how serious each is, whether it is a problem, what readers
 * call it, and its tone. Every renderer (terminal, Markdown, HTML, JUnit) and every check reads these instead
 * of keeping its own ordering or colour map.
 */
import type { FindingCode } from './codes.js';
import { FINDING_CLASSES, type FindingClass } from './types.js';

/** How a class is shown: `ok` (passed), `bad` (failed), `warn` (escalate), `info` (noted), `none` (not judged). */
export type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'none';

export interface ClassInfo {
  /** Words readers see: `documented but not handled`. */
  label: string;
  /** A column heading: `not handled`. */
  column: string;
  /** The five-character mark of a terminal line: `todo `. */
  mark: string;
  tone: Tone;
}

/** Per class: label, column heading, terminal mark and tone. */
export const CLASS_INFO: { readonly [C in FindingClass]: ClassInfo } = {
  'documented-handled': { label: 'documented and handled', column: 'handled', mark: 'ok   ', tone: 'ok' },
  'documented-not-handled': {
    label: 'documented but not handled',
    column: 'not handled',
    mark: 'todo ',
    tone: 'bad',
  },
  'observed-not-documented': {
    label: 'observed but not documented',
    column: 'undocumented',
    mark: 'seen ',
    tone: 'info',
  },
  unexpected: { label: 'unexpected', column: 'unexpected', mark: 'DIFF ', tone: 'warn' },
  configuration: { label: 'configuration to fix', column: 'configuration', mark: 'conf ', tone: 'bad' },
  'not-run': { label: 'not run', column: 'not run', mark: 'skip ', tone: 'none' },
};

/** Most serious first: a discrepancy, then a failure, then what could not be judged, then what matched. */
export const SEVERITY: readonly FindingClass[] = [
  'unexpected',
  'configuration',
  'documented-not-handled',
  'not-run',
  'observed-not-documented',
  'documented-handled',
];

/** The class's rank in `SEVERITY`: 0 is the most serious. */
export function severity(cls: FindingClass): number {
  return SEVERITY.indexOf(cls);
}

/** The most serious of `classes`, or undefined when there is none. */
export function mostSevere<C extends FindingClass>(classes: Iterable<C>): C | undefined {
  let worst: C | undefined;
  for (const cls of classes) if (worst === undefined || severity(cls) < severity(worst)) worst = cls;
  return worst;
}

/** Items ordered by their class's severity; within a class the given (stable) order is kept. */
export function bySeverity<T extends { class: FindingClass }>(items: readonly T[]): T[] {
  return SEVERITY.flatMap((cls) => items.filter((item) => item.class === cls));
}

/**
 * The classes that are problems: behaviour contradicts the source, the documented case is not handled, or the
 * target is configured wrongly.
 */
export type ProblemClass = 'unexpected' | 'documented-not-handled' | 'configuration';

/** True for a problem class: what fails a scenario, a JUnit case or a validation. `not-run` is not judged. */
export function isProblem(cls: FindingClass): cls is ProblemClass {
  return cls === 'unexpected' || cls === 'documented-not-handled' || cls === 'configuration';
}

/**
 * The code of a `not-run` that is the documents' silence: a sourced clause states that they say nothing about
 * this (no header, no relation, no rule), so there is nothing to judge. It is shown, never counts as a pass,
 * and never keeps one from being given: no check could run on what was never promised.
 */
export const NOT_STATED = 'not-stated' satisfies FindingCode;

/** True for a `not-run` that keeps a pass from being given: every one but the documents' silence. */
export function blocksPass<F extends { class: FindingClass; code: string }>(
  finding: F,
): finding is F & { class: 'not-run' } {
  return finding.class === 'not-run' && finding.code !== NOT_STATED;
}

/** True for a class a reader must act on: a problem, or a check that could not run. */
export function needsAttention(cls: FindingClass): boolean {
  return isProblem(cls) || cls === 'not-run';
}

/** Labels by class, for renderers that index by class. */
export const CLASS_LABEL: { readonly [C in FindingClass]: string } = Object.fromEntries(
  FINDING_CLASSES.map((cls) => [cls, CLASS_INFO[cls].label]),
) as { [C in FindingClass]: string };

/** Tones by class. */
export const CLASS_TONE: { readonly [C in FindingClass]: Tone } = Object.fromEntries(
  FINDING_CLASSES.map((cls) => [cls, CLASS_INFO[cls].tone]),
) as { [C in FindingClass]: Tone };

/** Terminal colours a tone maps to; renderers pass their own functions (or none, for plain text). */
export interface ToneStyle {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

/** Colours a text by tone, the same way on every terminal output: failure red, discrepancy yellow. */
export function toned(style: ToneStyle, tone: Tone, text: string): string {
  switch (tone) {
    case 'ok':
      return style.green(text);
    case 'bad':
      return style.red(text);
    case 'warn':
      return style.yellow(text);
    case 'info':
    case 'none':
      return style.dim(text);
    default:
      return assertNever(tone);
  }
}

/** Exhaustiveness guard for a `switch` over a literal union. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
