/** @module checks/audit/table The per-scenario table the command prints as its result. Pure text. */
import type { ScenarioResult } from './types.js';

/** Longest client stderr line the table shows under a failing scenario. */
const STDERR_WIDTH = 100;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export interface TableStyle {
  /** Wraps the (padded) class cell, e.g. in colour. */
  cls?(cls: ScenarioResult['class'], cell: string): string;
  header?(line: string): string;
  dim?(text: string): string;
}

const failing = (result: ScenarioResult) =>
  result.class === 'documented-not-handled' || result.class === 'unexpected';

/**
 * One row per scenario: name, class, attempts, delays, exit code, and the first failed rule; under a failing
 * scenario, the last line the client wrote on stderr (already redacted), so the reader sees why it failed.
 */
export function renderTable(results: readonly ScenarioResult[], style: TableStyle = {}): string {
  const header = ['scenario', 'class', 'attempts', 'delays ms', 'exit', 'rule'];
  const rows = results.map((result) => {
    const failed = result.rules.find((rule) => !rule.ok);
    const exit =
      result.class === 'not-run' ? '-' : result.timedOut ? 'timeout' : String(result.exitCode ?? 'signal');
    return [
      result.name,
      result.class,
      result.class === 'not-run' ? '-' : String(result.attempts),
      result.delaysMs.length > 0 ? result.delaysMs.join(',') : '-',
      exit,
      failed
        ? `${failed.id}: ${failed.message}`
        : result.class === 'not-run'
          ? result.finding.message.replace(/^.*not run: /, '')
          : 'ok',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[], result?: ScenarioResult) =>
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
