/**
 * @module classify/evidence-refs
 * Findings that reference their captured exchange instead of embedding it: every finding judged from one answer
 * carried a full copy of it, so a 1 MiB stream judged seven ways was written seven times. The document stores
 * each exchange once under an id; a finding's evidence names it (`exchangeRef`). Pure.
 */
import { createHash } from 'node:crypto';
import type { Exchange } from '../http/types.js';
import type { Finding, FindingEvidence } from './types.js';

/** A finding as written to a document: its exchange replaced by the id it is stored under. */
export type ReferencedFinding = Omit<Finding, 'evidence'> & {
  evidence: Omit<FindingEvidence, 'exchange'> & { exchangeRef?: string };
};

export interface ReferencedFindings {
  findings: ReferencedFinding[];
  /** Each exchange once, by id (`x1`, `x2`, … in the findings' order, so equal runs give equal ids). */
  exchanges: Record<string, Exchange>;
}

/** Stores each distinct exchange once and points every finding at it; findings keep their order. */
export function referenceExchanges(findings: readonly Finding[]): ReferencedFindings {
  const exchanges: Record<string, Exchange> = {};
  const seen = new Map<Exchange, string>();
  // Equal copies (a redactor's output per finding) are one exchange: keyed by content digest.
  const byContent = new Map<string, string>();
  const idOf = (exchange: Exchange): string => {
    const known = seen.get(exchange);
    if (known) return known;
    const digest = createHash('sha256').update(JSON.stringify(exchange)).digest('hex');
    let id = byContent.get(digest);
    if (id === undefined) {
      id = `x${byContent.size + 1}`;
      byContent.set(digest, id);
      exchanges[id] = exchange;
    }
    seen.set(exchange, id);
    return id;
  };
  return {
    findings: findings.map((finding) => {
      const { exchange, ...evidence } = finding.evidence;
      if (exchange === undefined) return finding as ReferencedFinding;
      return { ...finding, evidence: { ...evidence, exchangeRef: idOf(exchange) } } as ReferencedFinding;
    }),
    exchanges,
  };
}

/** The exchange a referenced finding points at, or undefined. */
export function exchangeOf(
  document: { exchanges?: Record<string, Exchange> },
  finding: { evidence: { exchangeRef?: string } },
): Exchange | undefined {
  const ref = finding.evidence.exchangeRef;
  return ref === undefined ? undefined : document.exchanges?.[ref];
}
