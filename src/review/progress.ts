/**
 * @module review/progress
 * Progress of a review on stderr: one redrawn line on a terminal, plain lines otherwise (CI logs, pipes).
 */

import { type AuditProgressEvent, auditProgressReporter } from '../checks/audit/index.js';
import type { WaitingNotice } from '../http/index.js';

export type ReviewStep =
  | 'validate'
  | 'sources'
  | 'scan'
  | 'probe'
  | 'negative'
  | 'audit'
  | 'traffic'
  | 'verdict'
  | 'packet';

export type ProgressEvent =
  | { kind: 'start'; step: ReviewStep; index: number; total: number }
  | { kind: 'done'; step: ReviewStep; index: number; total: number; findings: number; ms: number }
  | { kind: 'skipped'; step: ReviewStep; reason: string }
  | { kind: 'interrupted'; step: ReviewStep }
  /** The client audit's own progress, scenario by scenario. */
  | { kind: 'audit'; event: AuditProgressEvent }
  /** A request of the probe or the negative suite has had no answer for a while. */
  | { kind: 'waiting'; waiting: WaitingNotice };

export interface ProgressSink {
  write(text: string): void;
}

/** A progress reporter: redraws one line when `interactive`, else prints one line per event. */
export function progressReporter(sink: ProgressSink, interactive: boolean): (event: ProgressEvent) => void {
  const audit = auditProgressReporter(sink, interactive, '    ');
  return (event) => {
    if (event.kind === 'audit') return audit(event.event);
    if (event.kind === 'waiting') {
      const text = `    waiting for the first byte from ${event.waiting.method} ${event.waiting.url}: no answer after ${Math.round(event.waiting.ms / 1000)} s`;
      // On a terminal the notice replaces the step's live line; elsewhere it is one more plain line.
      sink.write(interactive ? `\r\u001b[K${text}` : `${text}\n`);
      return;
    }
    const line = describe(event);
    if (interactive) {
      // \r + erase line: the step line is replaced in place; finished steps stay on their own line.
      sink.write(`\r\u001b[K${line}${event.kind === 'start' ? '' : '\n'}`);
    } else if (event.kind !== 'start') {
      sink.write(`${line}\n`);
    }
  };
}

function describe(event: Exclude<ProgressEvent, { kind: 'audit' | 'waiting' }>): string {
  switch (event.kind) {
    case 'start':
      return `[${event.index}/${event.total}] ${event.step} …`;
    case 'done':
      return `[${event.index}/${event.total}] ${event.step}: ${event.findings} finding(s) in ${(event.ms / 1000).toFixed(1)} s`;
    case 'skipped':
      return `${event.step}: skipped (${event.reason})`;
    case 'interrupted':
      return `${event.step}: interrupted; writing a partial packet`;
  }
}
