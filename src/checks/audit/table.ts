/** @module checks/audit/table The per-scenario table the command prints as its result. Pure text. */
import { isProblem } from '../../classify/index.js';
import type { AuditScenarioResult } from './types.js';

/** Longest client stderr line the table shows under a failing scenario. */
const STDERR_WIDTH = 100;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export interface AuditTableStyle {
  /** Wraps the (padded) class cell, e.g. in colour. */
  cls?(cls: AuditScenarioResult['class'], cell: string): string;
  header?(line: string): string;
  dim?(text: string): string;
}

/**
 * Each logical call with its attempts and the waits between them: `json 2 (1004) · stream 1` is a JSON call
 * sent twice with 1004 ms between the tries, then a streaming call sent once.
 */
export function callsCell(result: AuditScenarioResult): string {
  if (result.class === 'not-run' && result.calls.length === 0) return '-';
  if (result.calls.length === 0) return 'no request';
  return result.calls
    .map((call) => {
      const waits = call.delaysMs.length > 0 ? ` (${call.delaysMs.join(', ')})` : '';
      return `${call.stream ? 'stream' : 'json'} ${call.attempts}${waits}`;
    })
    .join(' · ');
}

const failing = (result: AuditScenarioResult) => isProblem(result.class);

/**
 * One row per scenario: name, class, attempts per call, exit code, and the first failed rule; under a failing
 * scenario, the last line the client wrote on stderr (already redacted), so the reader sees why it failed.
 */
export function renderAuditTable(
  results: readonly AuditScenarioResult[],
  style: AuditTableStyle = {},
): string {
  const header = ['scenario', 'class', 'attempts per call (waits ms)', 'exit', 'rule'];
  const rows = results.map((result) => {
    const failed = result.rules.find((rule) => !rule.ok);
    const exit =
      result.class === 'not-run' ? '-' : result.timedOut ? 'timeout' : String(result.exitCode ?? 'signal');
    return [
      result.name,
      result.class,
      callsCell(result),
      exit,
      failed
        ? `${failed.id}: ${failed.message}`
        : result.finding.class === 'not-run'
          ? result.finding.reason
          : 'ok',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[], result?: AuditScenarioResult) =>
    cells
      .map((cell, column) => {
        const padded = column === cells.length - 1 ? cell : pad(cell, widths[column]!);
        return column === 1 && result && style.cls ? style.cls(result.class, padded) : padded;
      })
      .join('  ');
  const out = [(style.header ?? ((text: string) => text))(line(header))];
  for (const [index, row] of rows.entries()) {
    const result = results[index]!;
    out.push(line(row, result));
    if (failing(result) && result.stderrLine) {
      const note = `  └ client stderr: ${clip(result.stderrLine, STDERR_WIDTH)}`;
      out.push(style.dim ? style.dim(note) : note);
    }
  }
  return out.join('\n');
}
