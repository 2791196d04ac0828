/**
 * @module report/comparison
 * The comparison section (graded drift from an earlier review) in Markdown and HTML; `chatproof diff`
 * prints the same Markdown.
 */
import { html, escapeMarkdown as m, type SafeHtml } from './escape.js';
import type { Change, Comparison } from './schema-comparison.js';

const GRADE_ORDER = { breaking: 0, warning: 1, info: 2 } as const;

/** Breaking first, then warning, then info; the diff's own order within a grade. */
export function byGrade(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => GRADE_ORDER[a.grade] - GRADE_ORDER[b.grade]);
}

/** A before or after value in one short line. */
export function changeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function comparisonHeadline(comparison: Comparison): string {
  const { breaking, warning, info } = comparison.summary;
  return `${breaking} breaking, ${warning} warning, ${info} info`;
}

/** The Markdown form: a headline and one table row per change, breaking first. */
export function comparisonMarkdown(
  comparison: Comparison,
  heading = '## Changes since the earlier review',
): string {
  const head = comparison.head ? `\`${comparison.head.id}\`` : 'this review';
  const lines = [
    heading,
    '',
    `From \`${comparison.base.id}\` (${m(comparison.base.generatedAt)}, ${comparison.base.verdict}) to ${head}: ${comparisonHeadline(comparison)}.`,
    '',
  ];
  if (comparison.changes.length === 0) return [...lines, 'No change.', ''].join('\n');
  lines.push('| grade | kind | subject | before | after | rule |', '| --- | --- | --- | --- | --- | --- |');
  for (const change of byGrade(comparison.changes)) {
    lines.push(
      `| **${change.grade}** | ${change.kind} | ${m(change.subject)} | ${m(changeValue(change.before))} | ${m(changeValue(change.after))} | \`${change.rule}\` |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const TONE = { breaking: 's-bad', warning: 's-warn', info: 's-none' } as const;

export function comparisonHtml(comparison: Comparison): SafeHtml {
  const rows = byGrade(comparison.changes).map(
    (c) =>
      html`<tr><td><span class="pill ${TONE[c.grade]}">${c.grade}</span></td><td>${c.kind}</td><td><code>${c.subject}</code><br>${c.message}</td><td>${changeValue(c.before)}</td><td>${changeValue(c.after)}</td><td><code>${c.rule}</code></td></tr>`,
  );
  return html`<p>From <code>${comparison.base.id}</code> (${comparison.base.generatedAt}, ${comparison.base.verdict}) to ${comparison.head ? html`<code>${comparison.head.id}</code>` : 'this review'}: ${comparisonHeadline(comparison)}.</p>
${comparison.changes.length ? html`<table><thead><tr><th>Grade</th><th>Kind</th><th>Subject</th><th>Before</th><th>After</th><th>Rule</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>No change.</p>`}`;
}
