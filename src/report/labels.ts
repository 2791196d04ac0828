/**
 * @module report/labels
 * Words every renderer shows for verdicts and statuses, so Markdown, HTML and the terminal agree.
 */
import type { FindingClass } from '../classify/types.js';
import type { Verdict } from '../verdict/index.js';
import type { Packet } from './schema.js';

export const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', escalate: 'ESCALATE' };

export const CLASS_LABEL: Record<FindingClass, string> = {
  'documented-handled': 'documented and handled',
  'documented-not-handled': 'documented but not handled',
  'observed-not-documented': 'observed but not documented',
  unexpected: 'unexpected',
  'not-run': 'not run',
};

/** One line that says what the verdict means for the reader. */
export function verdictSentence(packet: Packet): string {
  const prefix = packet.incomplete ? 'Incomplete review (interrupted). ' : '';
  switch (packet.verdict) {
    case 'pass':
      return `${prefix}Every contract area has source evidence, implementation evidence and a validation result.`;
    case 'fail':
      return `${prefix}The review failed: ${packet.reasons.length} rule(s) of the review are not met.`;
    case 'escalate':
      return `${prefix}Observed behaviour differs from the source: escalate through the support path and keep the review open.`;
  }
}
