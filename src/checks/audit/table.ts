/** @module checks/audit/table The per-scenario table printed on stderr. Pure text. */
import type { ScenarioResult } from './types.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** One row per scenario: name, class, attempts, delays, exit code, and the first failed rule. */
export function renderTable(results: readonly ScenarioResult[]): string {
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
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
