/**
 * @module report/build
 * Assembles the packet document from the contract, the findings, the audit and the verdict. Pure: the time
 * and the tool version are passed in. Findings are sorted so the same inputs give the same bytes.
 */
import type { AuditScenarioRecord } from '../checks/audit/types.js';
import { referenceExchanges } from '../classify/index.js';
import type { Finding } from '../classify/types.js';
import { AREAS, CLAUSE, type Contract } from '../contract/index.js';
import {
  clausesValidatedBy,
  findingKey,
  judgedClauses,
  notRunHint,
  VERDICT_EXIT_CODE,
  type VerdictResult,
} from '../verdict/index.js';
import { checkRows } from './checks.js';
import { clauseRows } from './clauses.js';
import { evidenceLedger } from './evidence.js';
import { headlineOf } from './labels.js';
import { deriveQualifiers, type Qualifier, type Target } from './qualifiers.js';
import { escalationDrafts, runbookLines } from './runbook.js';
import { PACKET_SCHEMA_VERSION, type Packet, type PacketFinding } from './schema.js';
import type { ScanSection } from './schema-scan.js';
import type { TrafficSection } from './schema-traffic.js';

export interface PacketInput {
  contract: Contract;
  findings: readonly Finding[];
  verdict: VerdictResult;
  /** The client audit, when it ran. */
  audit?: { command: readonly string[]; scenarios: readonly AuditScenarioRecord[] } | undefined;
  /** The production traffic audit, when captures were given. */
  traffic?: TrafficSection | undefined;
  /** The code scan of the service repository (`review --repo`), when it ran. */
  scan?: ScanSection | undefined;
  generatedAt: string;
  version: string;
  ledgerFile?: string | undefined;
  /** Target values used for this run when they came from flags rather than the ledger. */
  overrides?: readonly { field: string; value: string }[];
  /**
   * What the checks contacted. By default the ledger's target, or an override when `overrides` names a base
   * URL; a review against the embedded simulator says so.
   */
  target?: Target;
  /** Qualifiers established outside the packet's own data (by a check); merged with the derived ones. */
  qualifiers?: readonly Qualifier[];
  /** The local limits the run had: the stall limit and the run deadline (null when none). */
  limits?: { stallMs: number; deadlineMs: number | null };
}

/** The run's limits, and each not-run finding the stall limit or the run deadline ended. */
function packetLimits(
  findings: readonly PacketFinding[],
  limits: { stallMs: number; deadlineMs: number | null },
) {
  const fired: NonNullable<Packet['limits']>['fired'] = [];
  for (const finding of findings) {
    const limit = finding.limit;
    if (limit === undefined || limit.kind === 'timeout') continue;
    fired.push({
      kind: limit.kind,
      ms: limit.ms,
      check: finding.check,
      clause: finding.clause,
      finding: finding.key,
    });
  }
  return { ...limits, fired };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Areas in review order, then check, code, clause and message: an order that does not depend on timing. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
      compare(a.check, b.check) ||
      compare(a.code, b.code) ||
      compare(a.clause ?? '', b.clause ?? '') ||
      compare(a.message, b.message),
  );
}

function packetFindings(findings: readonly Finding[], verdict: VerdictResult): PacketFinding[] {
  const waived = new Map<string, string>();
  for (const rule of verdict.rules) {
    for (const item of rule.items)
      if (item.kind === 'finding' && item.waivedBy) waived.set(item.ref, item.waivedBy);
  }
  return sortFindings(findings).map((finding) => {
    const key = findingKey(finding);
    const row: PacketFinding = {
      key,
      class: finding.class,
      check: finding.check,
      area: finding.area,
      clause: finding.clause,
      // What it judged, and what an answered request was built from (`clausesValidatedBy`).
      clauses: [...new Set([...judgedClauses(finding), ...clausesValidatedBy(finding)])],
      code: finding.code,
      message: finding.message,
      evidence: finding.evidence as PacketFinding['evidence'],
      waivedBy: waived.get(key) ?? null,
    };
    if (finding.class === 'not-run') {
      row.reason = finding.reason;
      if (finding.blockedBy) row.blockedBy = finding.blockedBy;
      if (finding.limit) row.limit = { ...finding.limit };
      if (finding.error) row.error = finding.error;
      row.hint = notRunHint(finding);
    }
    return row;
  });
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function buildPacket(input: PacketInput): Packet {
  const { contract, verdict } = input;
  const findings = packetFindings(input.findings, verdict);
  const audit = input.audit
    ? {
        command: [...input.audit.command],
        // Field by field: a whole result also carries the attempt log and output, which the packet leaves out.
        scenarios: input.audit.scenarios.map((s) => ({
          name: s.name,
          attempts: s.attempts,
          delaysMs: [...s.delaysMs],
          exitCode: s.exitCode,
          class: s.class,
          rules: s.rules.map((r) => ({ id: r.id, ok: r.ok, message: r.message, source: { ...r.source } })),
        })),
      }
    : undefined;
  const runbook = runbookLines(contract);
  const clauses = clauseRows(contract, findings, verdict, input.scan);
  const review = contract.ledger.review;
  const ledgerUrl = text(contract.known(CLAUSE.baseUrl));
  const baseUrlOverride = input.overrides?.find((o) => o.field === 'base-url')?.value;
  const target: Packet['target'] = input.target
    ? { ...input.target }
    : baseUrlOverride !== undefined && baseUrlOverride !== ledgerUrl
      ? {
          kind: 'override',
          url: baseUrlOverride,
          ledgerUrl,
          label: `the --base-url override ${baseUrlOverride}`,
        }
      : { kind: 'ledger', url: ledgerUrl, ledgerUrl, label: 'the ledger target' };
  const packet: Packet = {
    schemaVersion: PACKET_SCHEMA_VERSION,
    generator: { name: 'chatproof', version: input.version },
    generatedAt: input.generatedAt,
    incomplete: verdict.incomplete,
    verdict: verdict.verdict,
    headline: '',
    target,
    qualifiers: [],
    exitCode: VERDICT_EXIT_CODE[verdict.verdict],
    reasons: verdict.reasons,
    rules: verdict.rules,
    review: {
      id: review.id,
      application: review.application,
      environment: review.environment,
      owner: review.owner,
      deployVersion: review.deployVersion,
      configSource: review.configSource,
      docsReviewedOn: review.docsReviewedOn,
      reviewer: review.reviewer,
      captures: [...review.captures],
      ledgerFile: input.ledgerFile ?? null,
      target: {
        baseUrl: text(contract.known(CLAUSE.baseUrl)),
        chatPath: text(contract.known(CLAUSE.chatPath)),
        authHeader: text(contract.known(CLAUSE.authHeader)),
        keyRef: text(contract.known(CLAUSE.keyRef)),
      },
      overrides: (input.overrides ?? []).map((o) => ({ ...o })),
    },
    clauses,
    evidenceLedger: evidenceLedger(contract, clauses, findings, verdict, audit, runbook),
    checks: checkRows(findings),
    findings,
    ...(audit ? { audit } : {}),
    ...(input.traffic ? { traffic: structuredClone(input.traffic) } : {}),
    ...(input.limits ? { limits: packetLimits(findings, input.limits) } : {}),
    ...(input.scan ? { scan: structuredClone(input.scan) } : {}),
    runbook,
    escalations: escalationDrafts(contract, findings),
    waivers: verdict.waivers,
  };
  packet.qualifiers = deriveQualifiers(packet, input.qualifiers);
  packet.headline = headlineOf(packet, packet.qualifiers);
  // Each captured exchange is stored once; the findings judged from it reference it (a long stream judged
  // several ways was otherwise written once per finding).
  const shared = referenceExchanges(packet.findings as unknown as Finding[]);
  packet.findings = shared.findings as unknown as PacketFinding[];
  if (Object.keys(shared.exchanges).length > 0) packet.exchanges = shared.exchanges as Packet['exchanges'];
  return packet;
}
