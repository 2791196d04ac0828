/**
 * @module report/scan
 * The code scan section (`review --repo`), in Markdown and HTML: where the location check read from, each
 * finding with its place and whether the ledger traces it, each ledger location with its status. Pure.
 */
import { html, escapeMarkdown as m, type SafeHtml } from './escape.js';
import type { ScanSection } from './schema-scan.js';

const cell = (text: string): string => m(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

/** `commit 0123456789ab` or `the working tree (deploy version v9 is not a commit …)`. */
export function revisionText(section: ScanSection): string {
  const { revision } = section;
  if (revision.kind === 'commit') return `commit ${revision.commit ?? ''}`;
  return `the working tree${revision.note ? ` (${revision.note})` : ''}`;
}

const place = (f: ScanSection['findings'][number]): string => `${f.file}:${f.line}:${f.column}`;

/** The section in Markdown, under a heading of the given level. */
export function scanSectionMarkdown(section: ScanSection, heading = '##'): string {
  const out = [
    `${heading} Code scan`,
    '',
    `Repository ${code(section.repo)}: ${section.files} files read; locations read from ${cell(revisionText(section))}. SARIF: ${code(section.sarif)}.`,
    '',
  ];
  if (section.findings.length === 0) out.push('No hard-coded contract values found.', '');
  else {
    out.push('| rule | where | match | clause | traceable |', '| --- | --- | --- | --- | --- |');
    for (const f of section.findings) {
      out.push(
        `| ${code(f.rule)} | ${code(place(f))} | ${code(f.match)} | ${f.clause ? code(f.clause) : '-'} | ${f.traceable ? 'yes' : '**no**'} |`,
      );
    }
    out.push('');
  }
  if (section.locations.length > 0) {
    out.push('| clause | location | status | detail |', '| --- | --- | --- | --- |');
    for (const l of section.locations) {
      out.push(`| ${code(l.clause)} | ${code(l.location)} | ${l.status} | ${cell(l.detail)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The section in HTML (every value escaped by `html`); `pill` gives a status its tone. */
export function scanSectionHtml(section: ScanSection, pill: (status: string) => SafeHtml): SafeHtml {
  return html`<p>Repository <code>${section.repo}</code>: ${section.files} files read; locations read from ${revisionText(section)}. SARIF: <code>${section.sarif}</code>.</p>
${section.findings.length ? html`<table><thead><tr><th>Rule</th><th>Where</th><th>Match</th><th>Clause</th><th>Traceable</th></tr></thead><tbody>${section.findings.map((f) => html`<tr><td><code>${f.rule}</code></td><td><code>${place(f)}</code></td><td><code>${f.match}</code></td><td><code>${f.clause ?? '-'}</code></td><td>${pill(f.traceable ? 'traced' : 'untraced')}</td></tr>`)}</tbody></table>` : html`<p>No hard-coded contract values found.</p>`}
${section.locations.length ? html`<table><thead><tr><th>Clause</th><th>Location</th><th>Status</th><th>Detail</th></tr></thead><tbody>${section.locations.map((l) => html`<tr><td><code>${l.clause}</code></td><td><code>${l.location}</code></td><td>${pill(l.status)}</td><td>${l.detail}</td></tr>`)}</tbody></table>` : ''}`;
}
