/**
 * @module checks/audit/progress
 * The audit as it runs, on stderr: each scenario as it starts and ends, and a notice every few seconds while a
 * request of a running scenario has had no answer. One redrawn live line on a terminal; plain lines elsewhere
 * (CI logs, pipes), with no control characters.
 */
import type { FindingClass } from '../../classify/types.js';

export type AuditProgressEvent =
  | { kind: 'start'; name: string; index: number; total: number }
  | { kind: 'done'; name: string; class: FindingClass; durationMs: number; done: number; total: number }
  /** A request of `name` has waited `ms` without a status line. */
  | { kind: 'waiting'; name: string; ms: number };

export interface ProgressSink {
  write(text: string): void;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** One line per event off a terminal; on one, finished scenarios stay and the live line below is redrawn. */
export function auditProgressReporter(
  sink: ProgressSink,
  interactive: boolean,
  prefix = '  ',
): (event: AuditProgressEvent) => void {
  const running = new Map<string, string>();
  let done = 0;
  let total = 0;
  const live = () => {
    const names = [...running].map(([name, note]) => (note ? `${name} (${note})` : name));
    return `${prefix}audit ${done}/${total} done · running: ${names.join(', ') || '-'}`;
  };
  return (event) => {
    switch (event.kind) {
      case 'start':
        total = event.total;
        running.set(event.name, '');
        if (interactive) sink.write(`\r\u001b[K${live()}`);
        else sink.write(`${prefix}start ${event.name} (${event.index}/${event.total})\n`);
        return;
      case 'done': {
        running.delete(event.name);
        done = event.done;
        total = event.total;
        const line = `${prefix}${event.name}: ${event.class} (${(event.durationMs / 1000).toFixed(1)} s)`;
        if (interactive) sink.write(`\r\u001b[K${line}\n${running.size > 0 ? live() : ''}`);
        else sink.write(`${line}\n`);
        return;
      }
      case 'waiting': {
        const note = `waiting for the first byte: no answer after ${seconds(event.ms)}`;
        if (interactive) {
          running.set(event.name, `no answer after ${seconds(event.ms)}`);
          sink.write(`\r\u001b[K${live()}`);
        } else sink.write(`${prefix}${event.name}: ${note}\n`);
        return;
      }
    }
  };
}
