/**
 * @module report/traffic
 * The production traffic section, in Markdown (`packet.md`, and `traffic.md` beside `traffic.json`) and in HTML
 * (`packet.html`): records judged and skipped, each finding's exchanges and rate, the model ids used. Pure.
 */
import { CLASS_INFO } from '../classify/index.js';
import { html, escapeMarkdown as m, type SafeHtml } from './escape.js';
import type { TrafficSection } from './schema-traffic.js';

const rate = (count: number, of: number): string =>
  of === 0 ? '-' : `${((100 * count) / of).toFixed(count * 1000 < of ? 2 : 1)} %`;
const cell = (text: string): string => m(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** The section in Markdown, under a heading of the given level. */
export function trafficSectionMarkdown(section: TrafficSection, heading = '##'): string {
  const { total, judged, skipped } = section.records;
  const out = [
    `${heading} Production traffic`,
    '',
    `Captures: ${section.files.map(code).join(', ')}. ${total} records, ${judged} judged, ${total - judged} skipped; counts are exchanges, each counted once per finding.`,
    '',
  ];
  const reasons = Object.entries(skipped);
  if (reasons.length > 0) {
    out.push(
      '| skipped because | records |',
      '| --- | --- |',
      ...reasons.map(([r, n]) => `| ${cell(r)} | ${n} |`),
      '',
    );
  }
  if (section.findings.length === 0) out.push('No findings.', '');
  else {
    out.push('| class | clause | code | exchanges | rate | first |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of section.findings) {
      out.push(
        `| ${CLASS_INFO[f.class].label} | ${f.clause ? code(f.clause) : '-'} | ${code(f.code)} | ${f.count} | ${rate(f.count, judged)} | ${cell(f.first)} |`,
      );
    }
    out.push('');
  }
  if (section.models.length > 0) {
    out.push('| model id | requests | in ledger | validation |', '| --- | --- | --- | --- |');
    for (const model of section.models) {
      out.push(
        `| ${code(model.id)} | ${model.exchanges} | ${model.inLedger ? 'yes' : 'no'} | ${model.validation} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/** The section in HTML (every value escaped by `html`). */
export function trafficSectionHtml(section: TrafficSection): SafeHtml {
  const { total, judged, skipped } = section.records;
  const reasons = Object.entries(skipped);
  return html`<p>Captures: ${section.files.join(', ')}. ${total} records, ${judged} judged, ${total - judged} skipped${reasons.length ? ` (${reasons.map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}.</p>
<table><thead><tr><th>Class</th><th>Clause</th><th>Code</th><th>Exchanges</th><th>Rate</th><th>First</th></tr></thead><tbody>${section.findings.map((f) => html`<tr><td>${CLASS_INFO[f.class].label}</td><td><code>${f.clause ?? '-'}</code></td><td><code>${f.code}</code></td><td>${f.count}</td><td>${rate(f.count, judged)}</td><td>${f.first}</td></tr>`)}</tbody></table>
${section.models.length ? html`<table><thead><tr><th>Model id</th><th>Requests</th><th>In ledger</th><th>Validation</th></tr></thead><tbody>${section.models.map((x) => html`<tr><td><code>${x.id}</code></td><td>${x.exchanges}</td><td>${x.inLedger ? 'yes' : 'no'}</td><td>${x.validation}</td></tr>`)}</tbody></table>` : ''}`;
}
