/**
 * @module checks/traffic/render
 * The traffic audit for people: a terminal table by class and clause with counts and rates, and the Markdown
 * section `--out` writes (and the packet includes). Pure.
 */
import {
  CLASS_INFO,
  findingsExitCode,
  needsAttention,
  SEVERITY,
  type TextStyle,
  toned,
} from '../../classify/index.js';
import { EXIT } from '../../exit.js';
import { trafficSectionMarkdown } from '../../report/index.js';
import { trafficSection, where } from './packet.js';
import type { TrafficResult } from './types.js';

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

/** The Markdown section (`traffic.md`; the packet renders the same section). */
export function trafficMarkdown(result: TrafficResult, heading = '##'): string {
  return trafficSectionMarkdown(trafficSection(result), heading);
}

/** Exit code on the other checks' scale (`findingsExitCode`); a capture with nothing judged fails. */
export function trafficExitCode(result: TrafficResult): 0 | 1 | 2 {
  const code = findingsExitCode(result.findings);
  return code === EXIT.pass && result.records.judged === 0 ? EXIT.fail : code;
}
