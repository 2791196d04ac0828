/** `chatproof history`: stored reviews, newest first, filtered; a table or `--json`. */
import type { ReviewSummary } from '../../store/index.js';
import { type CommandContext, EXIT, style } from '../context.js';
import { historyFilter, openChosenStore } from './history-store.js';

function openCount(review: ReviewSummary): string {
  const f = review.findings;
  const parts = [
    f.unexpected ? `${f.unexpected} unexpected` : '',
    f['documented-not-handled'] ? `${f['documented-not-handled']} not handled` : '',
    f['not-run'] ? `${f['not-run']} not run` : '',
  ].filter(Boolean);
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
  const tint = (verdict: string, text: string) =>
    verdict.startsWith('pass')
      ? s.green(text)
      : verdict.startsWith('escalate')
        ? s.yellow(text)
        : s.red(text);
  return `${[s.bold(line(head)), ...cells.map((c) => tint(c[2] ?? '', line(c)))].join('\n')}\n`;
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
