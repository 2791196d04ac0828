/**
 * @module report/evidence
 * The closing evidence ledger of the review's step 6, each item with a status computed from the run.
 */
import { blocksPass, checkFamily, isProblem } from '../classify/index.js';
import { CLAUSE, type Contract, isPlaceholder, SOURCE_IDS } from '../contract/index.js';
import { EVIDENCE_ITEMS, isCited, type VerdictResult } from '../verdict/index.js';
import type { ClauseRow, EvidenceRow, Packet, PacketFinding, RunbookLine } from './schema.js';

type Status = EvidenceRow['status'];
type Judged = { status: Status; detail: string };

/** Status of a set of findings: any failure or discrepancy fails it; a check that did not run is not-run. */
function fromFindings(findings: readonly PacketFinding[], none: string): Judged {
  const open = findings.filter((finding) => !finding.waivedBy);
  const bad = open.filter((finding) => isProblem(finding.class));
  if (bad.length > 0) return { status: 'failed', detail: bad.map((finding) => finding.key).join(', ') };
  const notRun = open.filter(blocksPass);
  if (notRun.length > 0)
    return { status: 'not-run', detail: notRun.map((f) => `${f.check}: ${f.reason ?? ''}`).join('; ') };
  const handled = findings.filter((finding) => finding.class === 'documented-handled');
  return handled.length > 0
    ? { status: 'done', detail: `${handled.length} check result(s) match the documentation` }
    : { status: 'pending', detail: none };
}

function documentation(contract: Contract): Judged {
  const docs = contract.ledger.sources[SOURCE_IDS.chatDocs];
  const reviewed = contract.ledger.review.docsReviewedOn;
  if (
    !docs ||
    isPlaceholder(docs.url) ||
    !docs.accessed ||
    isPlaceholder(docs.accessed) ||
    isPlaceholder(reviewed)
  ) {
    return {
      status: 'pending',
      detail: `link the chat API documentation and its access date (sources.${SOURCE_IDS.chatDocs})`,
    };
  }
  return {
    status: 'done',
    detail: `${docs.title}: ${docs.url} (accessed ${docs.accessed}; reviewed ${reviewed})`,
  };
}

const CONFIG_CLAUSES = [CLAUSE.baseUrl, CLAUSE.chatPath, CLAUSE.authHeader];
const VALIDATED = new Set<ClauseRow['validation']['status']>(['validated', 'validated-outside']);

/** Read from the clause table's rows, so the ledger and the table say the same about endpoint and auth. */
function config(contract: Contract, clauses: readonly ClauseRow[]): Judged {
  const unsourced = CONFIG_CLAUSES.filter((id) => {
    const clause = contract.clause(id);
    return !clause || clause.pending || !isCited(clause.resolvedSource);
  });
  if (unsourced.length > 0)
    return { status: 'pending', detail: `no cited source yet: ${unsourced.join(', ')}` };
  const rows = CONFIG_CLAUSES.map((id) => clauses.find((row) => row.id === id)).filter(
    (row): row is ClauseRow => row !== undefined,
  );
  const listed = (status: readonly string[]) =>
    rows.filter((row) => status.includes(row.validation.status)).map((row) => row.id);
  const bad = listed(['discrepancy', 'failed']);
  if (bad.length > 0) return { status: 'failed', detail: `clause table: ${bad.join(', ')}` };
  const open = rows.filter((row) => !VALIDATED.has(row.validation.status));
  if (open.length === 0) {
    return {
      status: 'done',
      detail: `${CONFIG_CLAUSES.join(', ')} validated (clause table): a request built from them was answered`,
    };
  }
  const status = open.some((row) => row.validation.status === 'not-run') ? 'not-run' : 'pending';
  return {
    status,
    detail: `not validated yet (clause table): ${open.map((row) => `${row.id} ${row.validation.status}`).join(', ')}`,
  };
}

function request(findings: readonly PacketFinding[]): Judged {
  const valid = findings.filter(
    (finding) => finding.area === 'request' || checkFamily(finding.check) === 'probe',
  );
  const malformed = findings.filter((finding) => finding.clause === CLAUSE.invalidRequest);
  const both = fromFindings([...valid, ...malformed], 'no request fixture ran');
  if (both.status !== 'done') return both;
  if (!valid.some((f) => f.class === 'documented-handled'))
    return { status: 'pending', detail: 'the valid request fixture did not run' };
  if (!malformed.some((f) => f.class === 'documented-handled')) {
    return {
      status: 'pending',
      detail: `the malformed request fixture (${CLAUSE.invalidRequest}) did not run`,
    };
  }
  return { status: 'done', detail: 'valid and malformed request fixtures both executed' };
}

function classifier(audit: Packet['audit']): Judged {
  if (!audit)
    return { status: 'not-run', detail: 'the client audit did not run; set `audit.command` in the ledger' };
  const bad = audit.scenarios.filter((s) => isProblem(s.class));
  if (bad.length > 0) return { status: 'failed', detail: `scenarios: ${bad.map((s) => s.name).join(', ')}` };
  const notRun = audit.scenarios.filter((s) => s.class === 'not-run');
  if (notRun.length > 0)
    return { status: 'not-run', detail: `scenarios: ${notRun.map((s) => s.name).join(', ')}` };
  return { status: 'done', detail: `${audit.scenarios.length} retry and fallback scenarios judged` };
}

function costRate(verdict: VerdictResult): Judged {
  const rules = verdict.rules.filter(
    (r) => r.id === 'limits-billing-documented' || r.id === 'numeric-limits-sourced',
  );
  const open = rules.flatMap((rule) => rule.items.filter((item) => !item.waivedBy));
  if (open.length === 0)
    return { status: 'done', detail: 'every limit, billing and numeric claim is sourced or local' };
  const pendingOnly = open.every((item) => item.pending === true);
  return { status: pendingOnly ? 'pending' : 'failed', detail: open.map((item) => item.ref).join(', ') };
}

function runbook(lines: readonly RunbookLine[]): Judged {
  const todo = lines.filter((line) => line.todo);
  return todo.length === 0
    ? { status: 'done', detail: 'owner, documentation, config, fixture and escalation path are filled' }
    : { status: 'pending', detail: `TODO: ${todo.map((line) => line.id).join(', ')}` };
}

export function evidenceLedger(
  contract: Contract,
  clauses: readonly ClauseRow[],
  findings: readonly PacketFinding[],
  verdict: VerdictResult,
  audit: Packet['audit'],
  lines: readonly RunbookLine[],
): EvidenceRow[] {
  const judged: Record<(typeof EVIDENCE_ITEMS)[number]['id'], Judged> = {
    'documentation-reviewed': documentation(contract),
    'config-verified': config(contract, clauses),
    'request-contract-tested': request(findings),
    'response-parser-tested': fromFindings(
      findings.filter((finding) => finding.area === 'response'),
      'no response was parsed',
    ),
    'error-classifier-reviewed': classifier(audit),
    'cost-rate-reviewed': costRate(verdict),
    'runbook-updated': runbook(lines),
  };
  return EVIDENCE_ITEMS.map((item) => ({ ...item, ...judged[item.id] }));
}
