/**
 * @module checks/negative/run
 * `runNegative`: the seed's step 4 provider-facing cases, one request each, sequentially, judged against
 * the ledger's `errors.*` clauses. Findings are data; only chatproof's own failures throw.
 */
import { type Finding, negativeCase, notRun, summarize } from '../../classify/index.js';
import { systemClock } from '../../clock.js';
import { type Contract, values } from '../../contract/index.js';
import { expectationClause, type PlannedCheck, planChecks } from '../../plan/index.js';
import {
  assertBaseUrl,
  blockedFindings,
  budgetRecord,
  chatFields,
  evidenceOf,
  type JudgeContext,
  openSession,
  PROBE_MAX_TOKENS,
  type ProbeRecord,
  type RunDocument,
  type RunOptions,
  refusedNotRun,
  type Session,
  targetRecord,
  validateModel,
} from '../probe/index.js';
import { CASES } from './cases.js';
import type { NegativeCode } from './codes.js';
import { bodyKind, judgeError } from './judge.js';

export interface NegativeOptions extends RunOptions {
  /** Run only these cases (`negative:missing-auth`, …). */
  only?: readonly string[];
  /**
   * Ask the model list first and send no case when it shows a misconfigured target (true by default). The review
   * turns it off: its probe has already asked, and skips the suite itself on a configuration finding.
   */
  checkTarget?: boolean;
}

/** One negative case as recorded: what went out, what came back. */
export interface NegativeRecord extends Omit<ProbeRecord, 'parser' | 'shape' | 'stream'> {
  clause: string;
  bodyKind?: string;
}

export interface NegativeResult extends RunDocument {
  command: 'negative';
  cases: NegativeRecord[];
}

async function runCase(
  session: Session,
  check: PlannedCheck & { status: 'ready' },
  findings: Finding[],
): Promise<NegativeRecord | undefined> {
  const first = findings.length;
  try {
    return await judgeCase(session, check, findings);
  } finally {
    // Every finding of the case names the error clause and the request clause the case broke on purpose.
    const exercised = check.spec.exercises ?? [];
    for (const finding of findings.slice(first)) {
      finding.clauses = [...new Set([...(finding.clause ? [finding.clause] : []), ...exercised])];
    }
  }
}

async function judgeCase(
  session: Session,
  check: PlannedCheck & { status: 'ready' },
  findings: Finding[],
): Promise<NegativeRecord | undefined> {
  const { contract, target } = session;
  const clause = expectationClause(check.spec);
  const expectation = clause ? values.errorExpectation(contract, clause) : undefined;
  const fields = chatFields(contract);
  const name = negativeCase(check.spec.id);
  const build = name === undefined ? undefined : CASES[name];
  const request = fields && build ? build({ contract, fields, target }) : undefined;
  if (!clause || !expectation || !request) {
    findings.push(
      notRun({
        check: check.spec.id,
        area: check.spec.area,
        clause: clause ?? null,
        code: 'not-built' satisfies NegativeCode,
        reason: 'the request could not be built from the ledger',
      }),
    );
    return undefined;
  }
  const sent = await session.send(check.spec.id, request, PROBE_MAX_TOKENS);
  if (sent.kind === 'refused') {
    findings.push(
      notRun({
        check: check.spec.id,
        area: check.spec.area,
        clause,
        code: 'not-sent' satisfies NegativeCode,
        reason: sent.reason,
        limit: sent.limit,
      }),
    );
    return undefined;
  }
  const { exchange, reproducer } = sent;
  const ctx: JudgeContext = {
    contract,
    check: check.spec.id,
    area: check.spec.area,
    evidence: evidenceOf(exchange, reproducer),
    pendingJudges: check.pendingJudges,
    findings,
  };
  judgeError(ctx, clause, expectation, exchange);
  const out: NegativeRecord = {
    check: check.spec.id,
    clause,
    endpoint: exchange.request.url,
    reached: exchange.response !== undefined,
    timings: exchange.timings,
    retries: 0,
    reproducer,
  };
  if (exchange.response) {
    out.status = exchange.response.status;
    out.bodyKind = bodyKind(exchange);
  }
  if (exchange.requestId !== undefined) out.requestId = exchange.requestId;
  if (exchange.error) out.error = exchange.error.message;
  return out;
}

/**
 * The model list, as the probe asks it: a key the target refuses or a base URL it does not serve would answer
 * every case with the same 401 or 404, judged against error clauses that say nothing about it. Its findings
 * decide whether the cases are sent; otherwise they are the probe's to report.
 */
async function modelList(session: Session): Promise<Finding[]> {
  const fields = chatFields(session.contract);
  if (!fields) return [];
  const seen: Finding[] = [];
  await validateModel(session, fields.model, seen);
  return seen;
}

/** Runs the negative suite against the ledger's target. */
export async function runNegative(
  contract: Contract,
  options: NegativeOptions = {},
): Promise<NegativeResult> {
  const now = options.now ?? systemClock;
  const startedAt = now().toISOString();
  const overrides = {
    // Checked before planning, so a malformed override is a usage error even when no check is ready.
    ...(options.baseUrl !== undefined ? { baseUrl: assertBaseUrl(options.baseUrl) } : {}),
    ...(options.keyRef !== undefined ? { keyRef: options.keyRef } : {}),
  };
  const plan = planChecks(contract, 'negative', overrides, options.only);
  const findings = blockedFindings(plan.checks);
  const cases: NegativeRecord[] = [];
  const result = (session?: Session): NegativeResult => ({
    schemaVersion: 1,
    command: 'negative',
    startedAt,
    finishedAt: now().toISOString(),
    ...(session
      ? { target: targetRecord(session, session.target.chatUrl), budget: budgetRecord(session) }
      : {}),
    pending: plan.pending,
    cases,
    findings,
    summary: summarize(findings),
  });
  const ready = plan.checks.filter(
    (check): check is PlannedCheck & { status: 'ready' } => check.status === 'ready',
  );
  if (ready.length === 0) return result();
  const opened = await openSession(contract, options);
  if (!opened.ok) {
    const refused = { code: opened.code, message: opened.message };
    findings.push(refusedNotRun('negative', 'errors', refused));
    return { ...result(), refused };
  }
  const session = opened.session;
  try {
    const preflight = options.checkTarget === false ? [] : await modelList(session);
    const misconfigured = preflight.filter((finding) => finding.class === 'configuration');
    // A model list that met a 429 or no answer stopped the session: its findings say why no case is sent.
    if (session.budget.stop) findings.push(...preflight);
    else if (misconfigured.length > 0) {
      findings.push(...misconfigured);
      const clause = misconfigured[0]?.clause ?? null;
      for (const check of ready) {
        findings.push(
          notRun({
            check: check.spec.id,
            area: check.spec.area,
            clause,
            code: 'target-misconfigured' satisfies NegativeCode,
            reason: `the target is configured wrongly (check ${clause}): every case would meet the same refusal`,
          }),
        );
      }
      return result(session);
    }
    for (const check of ready) {
      const out = await runCase(session, check, findings);
      if (out) cases.push(out);
    }
    return result(session);
  } finally {
    session.close();
  }
}
