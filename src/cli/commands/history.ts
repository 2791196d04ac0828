/** `chatproof history`: stored reviews, newest first, filtered; a table or `--json`. */
import { CLASS_INFO, needsAttention, SEVERITY, type Tone, toned } from '../../classify/index.js';
import { VERDICT_TONE } from '../../report/index.js';
import type { ReviewSummary } from '../../store/index.js';
import type { Verdict } from '../../verdict/index.js';
import { type CommandContext, EXIT, style } from '../context.js';
import { historyFilter, openChosenStore } from './history-store.js';

/** The findings a reader must act on, most serious first, each class by its column name: `2 unexpected, 1 not run`. */
function openCount(review: ReviewSummary): string {
  const parts = SEVERITY.filter(needsAttention).flatMap((cls) => {
    const count = review.findings[cls];
    return count ? [`${count} ${CLASS_INFO[cls].column}`] : [];
  });
  return parts.join(', ') || '-';
}

function table(rows: readonly ReviewSummary[], color: boolean): string {
  const s = style(color);
  const head = [
    'id',
    'generated',
    'verdict',
    'incident',
    'application',
    'environment',
    'target',
    'open findings',
    'qualifiers',
  ];
  const cells = rows.map((r) => [
    r.id,
    r.generatedAt.replace(/\.\d+Z$/, 'Z'),
    r.incomplete ? `${r.verdict} (incomplete)` : r.verdict,
    r.incident,
    r.application,
    r.environment,
    r.target ?? '-',
    openCount(r),
    r.qualifiers.join(', ') || '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  // A stored verdict this version does not know is shown as a failure.
  const tone = (verdict: string): Tone => VERDICT_TONE[verdict as Verdict] ?? 'bad';
  const rowLines = rows.map((r, i) => toned(s, tone(r.verdict), line(cells[i] ?? [])));
  return `${[s.bold(line(head)), ...rowLines].join('\n')}\n`;
}

export async function historyCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const store = await openChosenStore(options, context);
  try {
    const rows = await store.history(historyFilter(options));
    if (context.json) {
      context.stdout.write(`${JSON.stringify({ store: store.location, reviews: rows }, null, 2)}\n`);
    } else if (rows.length === 0) {
      context.stdout.write(`no stored review matches in ${store.location}\n`);
    } else {
      context.stdout.write(table(rows, context.color));
    }
    return EXIT.pass;
  } finally {
    await store.close();
  }
}
