/**
 * @module checks/traffic/render
 * The traffic audit for people: a terminal table by class and clause with counts and rates, and the Markdown
 * section `--out` writes (and the packet includes). Pure.
 */
import { CLASS_INFO, needsAttention, SEVERITY, type TextStyle, toned } from '../../classify/index.js';
import { escapeMarkdown as m } from '../../report/index.js';

import type { RecordRef, TrafficResult } from './types.js';

/** `capture.jsonl:12` or `export.har#entries[3]`. */
export function where(ref: RecordRef): string {
  return 'line' in ref ? `${ref.file}:${ref.line}` : `${ref.file}#entries[${ref.entry}]`;
}

const rate = (count: number, of: number): string =>
  of === 0 ? '-' : `${((100 * count) / of).toFixed(count * 1000 < of ? 2 : 1)} %`;

/** One line about the records: total, judged, and skipped by reason. */
export function recordsLine(result: TrafficResult): string {
  const { total, judged, skipped } = result.records;
  const reasons = Object.entries(skipped).map(([reason, n]) => `${reason} ${n}`);
  const shard = result.shard ? ` (shard ${result.shard.k}/${result.shard.n})` : '';
  return `${total} records${shard}, ${judged} judged, ${total - judged} skipped${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
}

const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);
const padLeft = (text: string, width: number): string =>
  text.length >= width ? text : ' '.repeat(width - text.length) + text;

/** The terminal table: one row per (class, clause, code), exchanges and their share of the judged ones. */
export function trafficText(result: TrafficResult, style: TextStyle, quiet = false): string {
  const lines = [`traffic: ${recordsLine(result)}`];
  const rows = result.findings.filter((f) => !quiet || needsAttention(f.class));
  const clauseWidth = Math.max(6, ...rows.map((f) => (f.clause ?? '-').length));
  const codeWidth = Math.max(4, ...rows.map((f) => f.code.length));
  if (rows.length > 0) {
    lines.push(`        ${pad('clause', clauseWidth)}  ${pad('code', codeWidth)}  exchanges     rate  first`);
  }
  for (const f of rows) {
    lines.push(
      `  ${toned(style, CLASS_INFO[f.class].tone, CLASS_INFO[f.class].mark)} ${pad(f.clause ?? '-', clauseWidth)}  ${pad(f.code, codeWidth)}  ${padLeft(String(f.count), 9)}  ${padLeft(rate(f.count, result.records.judged), 7)}  ${where(f.example.record)}`,
    );
  }
  for (const model of result.models) {
    const note = model.inLedger ? model.validation : 'not the ledger model id';
    lines.push(`  model ${model.id}: ${model.exchanges} requests (${note})`);
  }
  const counts = SEVERITY.map((name) => `${result.findings.filter((f) => f.class === name).length} ${name}`);
  lines.push(`  findings: ${counts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

const cell = (text: string): string => m(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The Markdown section (`traffic.md`, and the packet's production-traffic section). */
export function trafficMarkdown(result: TrafficResult, heading = '##'): string {
  const { total, judged, skipped } = result.records;
  const out = [
    `${heading} Production traffic`,
    '',
    `Files: ${result.files.map((f) => `\`${f.replace(/`/g, "'")}\``).join(', ')}${result.shard ? ` (shard ${result.shard.k}/${result.shard.n})` : ''}.`,
    '',
    `| records | judged | skipped |`,
    `| --- | --- | --- |`,
    `| ${total} | ${judged} | ${total - judged} |`,
    '',
  ];
  const reasons = Object.entries(skipped);
  if (reasons.length > 0) {
    out.push(
      '| skipped because | records |',
      '| --- | --- |',
      ...reasons.map(([r, n]) => `| ${r} | ${n} |`),
      '',
    );
  }
  if (result.findings.length === 0) out.push('No findings.', '');
  else {
    out.push(
      '| class | clause | code | exchanges | rate | first | example |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of result.findings) {
      out.push(
        `| ${f.class} | ${f.clause ? `\`${f.clause}\`` : '-'} | \`${f.code}\` | ${f.count} | ${rate(f.count, judged)} | ${cell(where(f.example.record))} | ${cell(f.example.message.slice(0, 200))} |`,
      );
    }
    out.push('');
  }
  if (result.models.length > 0) {
    out.push('| model id | requests | in ledger | validation |', '| --- | --- | --- | --- |');
    for (const model of result.models) {
      out.push(
        `| ${cell(model.id)} | ${model.exchanges} | ${model.inLedger ? 'yes' : 'no'} | ${model.validation} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/** Exit code on the other checks' scale: 2 unexpected; 1 not handled, not run, or nothing judged; else 0. */
export function trafficExitCode(result: TrafficResult): 0 | 1 | 2 {
  if (result.findings.some((f) => f.class === 'unexpected')) return 2;
  if (result.records.judged === 0) return 1;
  if (result.findings.some((f) => f.class === 'documented-not-handled' || f.class === 'not-run')) return 1;
  return 0;
}
