/**
 * @module review/summary
 * The summary table a review prints when it ends: findings per area by class, the reasons, and the packet path.
 */
import { CLASS_INFO, FINDING_CLASSES, isProblem, type ToneStyle, toned } from '../classify/index.js';
import { AREAS } from '../contract/index.js';
import { EXIT } from '../exit.js';
import { type Packet, QUALIFIER_LABEL, VERDICT_LABEL, VERDICT_TONE } from '../report/index.js';

/** Steps shown per reason on stdout; the packet lists every one. */
const MAX_HINTS = 4;

const COLUMNS = FINDING_CLASSES.map((cls) => [cls, CLASS_INFO[cls].column] as const);

const VALIDATED = new Set(['validated', 'validated-outside']);

export interface SummaryStyle extends ToneStyle {
  bold(text: string): string;
}

const plain: SummaryStyle = {
  bold: (t) => t,
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  dim: (t) => t,
};

/** How the head line names the run and its exit code. */
export interface SummaryHead {
  /** `chatproof review` or `chatproof demo`. */
  command: string;
  /** What the exit code is, in words; by default `exit N`. */
  exitNote?: (exitCode: number) => string;
}

const REVIEW_HEAD: SummaryHead = { command: 'chatproof review' };

/** Plain text, aligned columns; colour only through `style`. */
export function summaryTable(
  packet: Packet,
  packetDir: string,
  style: SummaryStyle = plain,
  head: SummaryHead = REVIEW_HEAD,
): string {
  const exitCode = packet.incomplete ? EXIT.interrupted : packet.exitCode;
  const note = head.exitNote ? head.exitNote(exitCode) : `exit ${exitCode}`;
  const qualified = packet.qualifiers.map((q) => (q.id === 'rehearsal' ? q.text : QUALIFIER_LABEL[q.id]));
  const first = `${head.command} ${packet.review.id}: verdict ${[toned(style, VERDICT_TONE[packet.verdict], style.bold(VERDICT_LABEL[packet.verdict])), ...qualified].join(' · ')} (${note})`;
  const widths = [16, ...COLUMNS.map(([, label]) => Math.max(label.length, 3)), 18];
  const row = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 8))
      .join('  ')
      .trimEnd();
  const lines = [
    first,
    ...packet.qualifiers.map((q) => `  ${style.yellow(q.text)}`),
    '',
    row(['area', ...COLUMNS.map(([, label]) => label), 'clauses validated']),
  ];
  const areaOf = new Map(packet.clauses.map((clause) => [clause.id, clause.area]));
  for (const area of AREAS) {
    // A finding counts in its own area and in the area of every clause it judged, as in the clause table.
    const inArea = packet.findings.filter(
      (finding) => finding.area === area || finding.clauses.some((id) => areaOf.get(id) === area),
    );
    const clauses = packet.clauses.filter((clause) => clause.area === area);
    const validated = clauses.filter((c) => VALIDATED.has(c.validation.status)).length;
    lines.push(
      row([
        area,
        ...COLUMNS.map(([cls]) => String(inArea.filter((f) => f.class === cls).length)),
        `${validated}/${clauses.length}`,
      ]),
    );
  }
  if (packet.audit) {
    const { scenarios } = packet.audit;
    const bad = scenarios.filter((s) => isProblem(s.class)).length;
    const notRun = scenarios.filter((s) => s.class === 'not-run').length;
    lines.push('', `client audit: ${scenarios.length} scenario(s): ${bad} not handled, ${notRun} not run`);
  }
  if (packet.scan) {
    const untraced = packet.scan.findings.filter((f) => !f.traceable && f.rule !== 'config-value').length;
    const notFound = packet.scan.locations.filter((l) => l.status === 'not found').length;
    const verified = packet.scan.locations.filter((l) => l.status === 'verified').length;
    lines.push(
      '',
      `code scan of ${packet.scan.repo}: ${packet.scan.findings.length} finding(s), ${untraced} not traced; locations ${verified} verified, ${notFound} not found`,
    );
  }
  lines.push('', packet.verdict === 'pass' ? 'decided by:' : 'reasons:');
  for (const reason of packet.reasons) {
    lines.push(`  - ${reason.rule}: ${reason.message}`);
    const hints = reason.hints ?? [];
    for (const hint of hints.slice(0, MAX_HINTS)) lines.push(`      to pass: ${hint}`);
    if (hints.length > MAX_HINTS) {
      lines.push(`      (and ${hints.length - MAX_HINTS} more steps in packet.md, under Reasons)`);
    }
  }
  const also = ['packet.md', 'packet.json', 'junit.xml', ...(packet.scan ? [packet.scan.sarif] : [])];
  lines.push('', `packet: ${packetDir}/packet.html (also ${also.join(', ')})`);
  return `${lines.join('\n')}\n`;
}
