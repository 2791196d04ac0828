/**
 * @module diff/observe
 * What a stored packet says about the target, in the form the diff compares: the probe's response shapes, each
 * negative case's status and envelope, findings by key, the client audit, latency samples, the echoed model,
 * clauses and documentation hashes. Pure: reads the packet only.
 */

import { type CheckName, negativeCase } from '../classify/check-names.js';
import { SEVERITY, severity } from '../classify/classes.js';
import { FINDING_CLASSES, type FindingClass } from '../classify/types.js';
import { CLAUSE, type ClauseId } from '../contract/index.js';
import { type Packet, type PacketFinding, packetExchange } from '../report/index.js';
import { normalizePath, type Shape, shapeOf } from './shape.js';

export interface NegativeCase {
  status: number | null;
  /** Shape of the JSON error body; null when the body is not JSON. */
  envelope: Shape | null;
  type: string | null;
  code: string | null;
}

export interface AuditView {
  attempts: number;
  medianWaitMs: number | null;
  rules: Map<string, boolean>;
}

export interface Latency {
  n: number;
  medianMs: number | null;
  p95Ms: number | null;
}

export interface PacketView {
  json: Shape | null;
  stream: Shape | null;
  negatives: Map<string, NegativeCase>;
  /** Worst class per finding key, with that finding's message. */
  findings: Map<string, { class: FindingClass; message: string }>;
  audit: Map<string, AuditView>;
  latency: Latency;
  echoedModel: string | null;
  requestedModel: string | null;
  /** Documented, parsed and nullable response paths, normalised to `choices[].x` notation. */
  documented: Set<string>;
  parsed: Set<string>;
  nullable: Set<string>;
  clauses: Map<string, Packet['clauses'][number]>;
  /** Content hash of each cited document, by URL, when a source check recorded one. */
  sourceHashes: Map<string, string>;
}

/** Worse classes rank higher: the classes' one severity order (classify/classes.ts), read from the other end. */
export const CLASS_RANK: Readonly<Record<FindingClass, number>> = Object.fromEntries(
  FINDING_CLASSES.map((cls) => [cls, SEVERITY.length - 1 - severity(cls)]),
) as Record<FindingClass, number>;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function exchangeOf(packet: Packet, check: CheckName) {
  for (const finding of packet.findings) {
    const exchange = finding.check === check ? packetExchange(packet, finding) : undefined;
    if (exchange) return exchange;
  }
  return undefined;
}

function responseBody(finding: PacketFinding['evidence']['exchange']): string | undefined {
  return finding && 'response' in finding && finding.response ? finding.response.body : undefined;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function clauseValues(packet: Packet, ids: readonly ClauseId[]): Set<string> {
  const out = new Set<string>();
  for (const clause of packet.clauses) {
    if (!(ids as readonly string[]).includes(clause.id) || clause.pending) continue;
    for (const path of stringList(clause.value)) out.add(normalizePath(path));
  }
  return out;
}

export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  // Nearest rank: the smallest sample with at least q of the samples at or below it.
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? null;
}

function latencyOf(packet: Packet): Latency {
  const seen = new Map<string, number>();
  for (const finding of packet.findings) {
    const exchange = packetExchange(packet, finding);
    if (!exchange) continue;
    const key = `${exchange.startedAt} ${exchange.request.method} ${exchange.request.url}`;
    seen.set(key, exchange.timings.totalMs);
  }
  const samples = [...seen.values()].sort((a, b) => a - b);
  return { n: samples.length, medianMs: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95) };
}

function negativesOf(packet: Packet): Map<string, NegativeCase> {
  const out = new Map<string, NegativeCase>();
  for (const finding of packet.findings) {
    const name = negativeCase(finding.check);
    if (name === undefined || out.has(name)) continue;
    const exchange = packetExchange(packet, finding);
    if (!exchange) continue;
    const status = 'response' in exchange && exchange.response ? exchange.response.status : null;
    const body = parseJson(responseBody(exchange));
    const error =
      body && typeof body === 'object' && !Array.isArray(body)
        ? (body as { error?: { type?: unknown; code?: unknown } }).error
        : undefined;
    out.set(name, {
      status,
      envelope: body !== undefined && typeof body === 'object' && body !== null ? shapeOf([body]) : null,
      type: typeof error?.type === 'string' ? error.type : null,
      code: typeof error?.code === 'string' ? error.code : null,
    });
  }
  return out;
}

function median(values: readonly number[]): number | null {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Reads the parts of a packet the diff compares. */
export function observe(packet: Packet): PacketView {
  const json = parseJson(responseBody(exchangeOf(packet, 'probe')));
  const streamExchange = exchangeOf(packet, 'probe-stream');
  const chunks =
    streamExchange && 'events' in streamExchange && Array.isArray(streamExchange.events)
      ? streamExchange.events
          .map((event) => parseJson(event.data))
          .filter((chunk) => chunk !== undefined && typeof chunk === 'object')
      : [];
  const findings = new Map<string, { class: FindingClass; message: string }>();
  for (const finding of packet.findings) {
    const before = findings.get(finding.key);
    if (before === undefined || CLASS_RANK[finding.class] > CLASS_RANK[before.class])
      findings.set(finding.key, { class: finding.class, message: finding.message });
  }
  const audit = new Map<string, AuditView>();
  for (const scenario of packet.audit?.scenarios ?? []) {
    audit.set(scenario.name, {
      attempts: scenario.attempts,
      medianWaitMs: median(scenario.delaysMs),
      rules: new Map(scenario.rules.map((rule) => [rule.id, rule.ok])),
    });
  }
  const sourceHashes = new Map<string, string>();
  for (const finding of packet.findings) {
    const details = finding.evidence.details as { url?: unknown; contentHash?: unknown } | undefined;
    if (details && typeof details.url === 'string' && typeof details.contentHash === 'string')
      sourceHashes.set(details.url, details.contentHash);
  }
  const echoed =
    json && typeof json === 'object' && typeof (json as { model?: unknown }).model === 'string'
      ? (json as { model: string }).model
      : null;
  const requested = packet.clauses.find((c) => c.id === CLAUSE.modelId);
  return {
    json: json !== undefined && typeof json === 'object' && json !== null ? shapeOf([json]) : null,
    stream: chunks.length > 0 ? shapeOf(chunks) : null,
    negatives: negativesOf(packet),
    findings,
    audit,
    latency: latencyOf(packet),
    echoedModel: echoed,
    requestedModel: requested && !requested.pending ? JSON.stringify(requested.value) : null,
    documented: clauseValues(packet, [
      CLAUSE.responseFields,
      CLAUSE.parsedFields,
      CLAUSE.usageFields,
      CLAUSE.contentPath,
      CLAUSE.finishReasonPath,
      CLAUSE.idField,
    ]),
    parsed: clauseValues(packet, [
      CLAUSE.parsedFields,
      CLAUSE.usageFields,
      CLAUSE.contentPath,
      CLAUSE.finishReasonPath,
    ]),
    nullable: clauseValues(packet, [CLAUSE.nullableFields]),
    clauses: new Map(packet.clauses.map((clause) => [clause.id, clause])),
    sourceHashes,
  };
}
