/**
 * @module checks/traffic/packet
 * A traffic audit as the review packet holds it: its section (counts only) and one finding per (class, clause,
 * code), under the check `traffic:<clause>`, whose message gives the count and whose evidence is the first
 * example. Pure.
 */
import { type Finding, notRun, trafficCheck } from '../../classify/index.js';
import { clauseRef, type JsonValue } from '../../contract/index.js';
import type { TrafficSection } from '../../report/index.js';
import { TRAFFIC_CHECK, type TrafficCode } from './codes.js';
import type { RecordRef, TrafficResult } from './types.js';

/** `capture.jsonl:12` or `export.har#entries[3]`. */
export function where(ref: RecordRef): string {
  return 'line' in ref ? `${ref.file}:${ref.line}` : `${ref.file}#entries[${ref.entry}]`;
}

/** The packet's `traffic` section. */
export function trafficSection(result: TrafficResult): TrafficSection {
  return {
    files: [...result.files],
    records: {
      total: result.records.total,
      judged: result.records.judged,
      skipped: { ...result.records.skipped } as Record<string, number>,
    },
    findings: result.findings.map((f) => ({
      class: f.class,
      clause: f.clause,
      code: f.code,
      count: f.count,
      first: where(f.example.record),
    })),
    models: result.models.map((m) => ({
      id: m.id,
      exchanges: m.exchanges,
      inLedger: m.inLedger,
      validation: m.validation,
    })),
  };
}

/** The audit's findings as packet findings; a capture with nothing to judge is one `not-run`. */
export function trafficFindings(result: TrafficResult): Finding[] {
  const { judged } = result.records;
  const out: Finding[] = result.findings.map((f) => {
    const clause = f.clause === null ? null : clauseRef(f.clause);
    const check = trafficCheck(f.clause);
    const message = `${f.count} of ${judged} captured exchanges: ${f.example.message} (first at ${where(f.example.record)})`;
    const evidence = {
      ...(f.example.exchange ? { exchange: f.example.exchange } : {}),
      ...(f.example.expected !== undefined ? { expected: f.example.expected } : {}),
      ...(f.example.observed !== undefined ? { observed: f.example.observed } : {}),
      ...(f.example.requestId !== undefined ? { requestId: f.example.requestId } : {}),
      details: { exchanges: f.count, judged, first: where(f.example.record) } as JsonValue,
    };
    if (f.class === 'not-run') {
      return notRun({ check, area: f.area, clause, code: f.code, reason: message, evidence });
    }
    return { class: f.class, check, area: f.area, clause, code: f.code, message, evidence };
  });
  if (judged === 0) {
    out.push(
      notRun({
        check: TRAFFIC_CHECK,
        area: 'response',
        clause: null,
        code: 'nothing-judged' satisfies TrafficCode,
        reason: `no captured exchange could be judged (${result.records.total} records, all skipped)`,
      }),
    );
  }
  return out;
}
