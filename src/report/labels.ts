/**
 * @module report/labels
 * Words every renderer shows for verdicts and statuses, so Markdown, HTML and the terminal agree.
 */
import type { Tone } from '../classify/index.js';
import type { Verdict } from '../verdict/index.js';
import { QUALIFIER_LABEL, type Qualifier } from './qualifiers.js';
import type { Packet } from './schema.js';

export const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', escalate: 'ESCALATE' };

/** How a verdict is shown, in the classes' tones: a pass is `ok`, a failure `bad`, an escalation `warn`. */
export const VERDICT_TONE: Readonly<Record<Verdict, Tone>> = { pass: 'ok', fail: 'bad', escalate: 'warn' };

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

/**
 * The verdict with what it does not cover, on one line: `PASS · rehearsal against the embedded simulator: says
 * nothing about https://api.example/v1 · sources not re-checked`. The rehearsal is spelled out in full; the
 * other qualifiers by name (their texts follow the verdict wherever there is room).
 */
export function verdictWithQualifiers(verdict: Packet['verdict'], qualifiers: readonly Qualifier[]): string {
  return [
    VERDICT_LABEL[verdict],
    ...qualifiers.map((q) => (q.id === 'rehearsal' ? q.text : QUALIFIER_LABEL[q.id])),
  ].join(' · ');
}

/** `INC-123 · support-bot (production) · PASS · rehearsal against …`: the packet's first line. */
export function headlineOf(
  packet: Pick<Packet, 'review' | 'verdict'>,
  qualifiers: readonly Qualifier[],
): string {
  const r = packet.review;
  return `${r.id} · ${r.application} (${r.environment}) · ${verdictWithQualifiers(packet.verdict, qualifiers)}`;
}
