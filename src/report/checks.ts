/**
 * @module report/checks
 * One row per check that ran (or could not): its status and the latency of its slowest exchange. The JUnit
 * report has one test case per row; the HTML latency chart has one bar per row.
 */
import { blocksPass, isProblem, mostSevere } from '../classify/index.js';
import type { CheckRow, PacketFinding } from './schema.js';

/** The most serious open finding decides: a discrepancy escalates, any other problem class fails the check. */
function statusOf(findings: readonly PacketFinding[]): CheckRow['status'] {
  const worst = mostSevere(findings.filter((finding) => !finding.waivedBy).map((finding) => finding.class));
  if (worst === 'unexpected') return 'escalated';
  if (worst !== undefined && isProblem(worst)) return 'failed';
  const judged = findings.filter((finding) => finding.class !== 'not-run' || blocksPass(finding));
  if (judged.length > 0 && judged.every((finding) => finding.class === 'not-run')) return 'not-run';
  return 'passed';
}

const maxOf = (numbers: readonly number[]): number | null =>
  numbers.length > 0 ? Math.max(...numbers) : null;

/** Checks in the order their first finding appears (findings are already in stable order). */
export function checkRows(findings: readonly PacketFinding[]): CheckRow[] {
  const byCheck = new Map<string, PacketFinding[]>();
  for (const finding of findings) {
    const list = byCheck.get(finding.check) ?? [];
    list.push(finding);
    byCheck.set(finding.check, list);
  }
  return [...byCheck].map(([name, list]) => {
    const timings = list.flatMap((finding) =>
      finding.evidence.exchange ? [finding.evidence.exchange.timings] : [],
    );
    return {
      name,
      area: list[0]?.area ?? 'endpoint',
      status: statusOf(list),
      findings: list.map((finding) => finding.key),
      durationMs: maxOf(timings.map((timing) => timing.totalMs)),
      firstByteMs: maxOf(
        timings.flatMap((timing) => (timing.firstByteMs === undefined ? [] : [timing.firstByteMs])),
      ),
    };
  });
}
