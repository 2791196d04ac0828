/**
 * @module checks/probe/run
 * `runProbe`: the seed's contract probe, JSON then stream, judged against the ledger. Findings are data;
 * only chatproof's own failures (a pending target, a missing key) throw.
 */
import { type CheckName, type Finding, notRun, summarize } from '../../classify/index.js';
import { systemClock } from '../../clock.js';
import { CLAUSE, type Contract, values } from '../../contract/index.js';
import type { Exchange, StreamExchange } from '../../http/index.js';
import { type PlannedCheck, planChecks } from '../../plan/index.js';
import type { ProbeCode } from './codes.js';
import { judgeJson } from './judge-json.js';
import { judgeStream } from './judge-stream.js';
import { evidenceOf, type JudgeContext } from './judging.js';
import { type ModelValidation, validateModel } from './model.js';
import { judgeOperatorError } from './operator.js';
import { shapeOf } from './paths.js';
import { refusedNotRun } from './refusal.js';
import {
  type ChatFields,
  chatFields,
  jsonHeaders,
  PROBE_LITERAL,
  PROBE_MAX_TOKENS,
  probeBody,
} from './request.js';
import { openSession, type RunOptions, type Session } from './session.js';
import { assertBaseUrl } from './target.js';
import { parseJson } from './tokens.js';
import type { BudgetRecord, ProbeRecord, ProbeResult, TargetRecord } from './types.js';

export interface ProbeOptions extends RunOptions {
  /** Run only these probes (`probe`, `probe-stream`). */
  only?: readonly string[];
}

/** Not-run findings for checks the plan blocked. */
export function blockedFindings(checks: readonly PlannedCheck[]): Finding[] {
  return checks.flatMap((check) =>
    check.status === 'blocked'
      ? [
          notRun({
            check: check.spec.id,
            area: check.spec.area,
            clause: check.pending[0] ?? null,
            code: 'clauses-pending' satisfies ProbeCode,
            reason: check.reason,
            blockedBy: check.pending,
            evidence: { details: { pending: check.pending } },
          }),
        ]
      : [],
  );
}

export function targetRecord(session: Session, url: string): TargetRecord {
  return {
    baseUrl: session.redactor.url(session.target.baseUrl),
    url: session.redactor.url(url),
    keyRef: session.target.keyRef,
    overrides: session.target.overrides,
  };
}

export function budgetRecord(session: Session): BudgetRecord {
  const { limits, used, stop } = session.budget;
  return { limits, used: { ...used }, ...(stop ? { stop } : {}) };
}

function record(check: CheckName, exchange: Exchange, reproducer: string): ProbeRecord {
  const out: ProbeRecord = {
    check,
    endpoint: exchange.request.url,
    reached: exchange.response !== undefined,
    timings: exchange.timings,
    parser: { parsed: false },
    retries: 0,
    reproducer,
  };
  if (exchange.response) {
    out.status = exchange.response.status;
    const parsed = parseJson(exchange.response.body);
    if (parsed.ok) out.shape = shapeOf(parsed.value);
  }
  if (exchange.requestId !== undefined) out.requestId = exchange.requestId;
  if (exchange.error) out.error = exchange.error.message;
  return out;
}

async function probeOnce(
  session: Session,
  check: PlannedCheck & { status: 'ready' },
  fields: ChatFields,
  model: ModelValidation,
  findings: Finding[],
): Promise<ProbeRecord | undefined> {
  const { contract } = session;
  const stream = check.spec.id === 'probe-stream';
  const streamField = values.string(contract, CLAUSE.streamField);
  // Ask for the usage chunk only when the ledger documents it.
  const includeUsage = stream && contract.known(CLAUSE.streamUsage) === true;
  const body = probeBody(fields, stream && streamField ? { field: streamField, includeUsage } : undefined);
  const request = {
    method: 'POST',
    url: session.target.chatUrl,
    headers: jsonHeaders(stream),
    body: JSON.stringify(body),
    auth: 'key' as const,
  };
  const sent = stream
    ? await session.stream(check.spec.id, request, PROBE_MAX_TOKENS)
    : await session.send(check.spec.id, request, PROBE_MAX_TOKENS);
  if (sent.kind === 'refused') {
    findings.push(
      notRun({
        check: check.spec.id,
        area: check.spec.area,
        clause: null,
        code: 'not-sent' satisfies ProbeCode,
        reason: sent.reason,
        limit: sent.limit,
      }),
    );
    return undefined;
  }
  const ctx: JudgeContext = {
    contract,
    check: check.spec.id,
    area: check.spec.area,
    evidence: evidenceOf(sent.exchange, sent.reproducer),
    pendingJudges: check.pendingJudges,
    findings,
    clockMs: Date.parse(sent.exchange.startedAt),
  };
  const out = record(check.spec.id, sent.exchange, sent.reproducer);
  // A refused key or an unserved path is the operator's to fix; the answer says nothing about the contract.
  const modelListUrl = model.validation === 'models-endpoint' ? model.evidence : undefined;
  if (
    judgeOperatorError(ctx, session.target.keyRef, sent.exchange, {
      kind: 'chat',
      ...(modelListUrl ? { modelListUrl } : {}),
    })
  ) {
    return out;
  }
  if (stream) {
    const { stream: summary, ...parser } = judgeStream(
      ctx,
      sent.exchange as StreamExchange,
      fields.model,
      includeUsage,
    );
    out.parser = parser;
    if (summary) out.stream = summary;
  } else {
    out.parser = judgeJson(ctx, sent.exchange, fields.model, PROBE_LITERAL);
  }
  return out;
}

/** Runs the contract probe (JSON and stream) against the ledger's target. */
export async function runProbe(contract: Contract, options: ProbeOptions = {}): Promise<ProbeResult> {
  const now = options.now ?? systemClock;
  const startedAt = now().toISOString();
  const overrides = {
    // Checked before planning, so a malformed override is a usage error even when no check is ready.
    ...(options.baseUrl !== undefined ? { baseUrl: assertBaseUrl(options.baseUrl) } : {}),
    ...(options.keyRef !== undefined ? { keyRef: options.keyRef } : {}),
  };
  const plan = planChecks(contract, 'probe', overrides, options.only);
  const findings = blockedFindings(plan.checks);
  const probes: ProbeRecord[] = [];
  const ready = plan.checks.filter(
    (check): check is PlannedCheck & { status: 'ready' } => check.status === 'ready',
  );
  const result = (session?: Session, model?: ModelValidation): ProbeResult => ({
    schemaVersion: 1,
    command: 'probe',
    startedAt,
    finishedAt: now().toISOString(),
    ...(session
      ? { target: targetRecord(session, session.target.chatUrl), budget: budgetRecord(session) }
      : {}),
    ...(model ? { model } : {}),
    pending: plan.pending,
    probes,
    findings,
    summary: summarize(findings),
  });
  const fields = chatFields(contract);
  if (ready.length === 0 || !fields) return result();
  const opened = await openSession(contract, options);
  if (!opened.ok) {
    const refused = { code: opened.code, message: opened.message };
    findings.push(refusedNotRun('probe', 'endpoint', refused));
    return { ...result(), refused };
  }
  const session = opened.session;
  try {
    const model = await validateModel(session, fields.model, findings);
    for (const check of ready) {
      const misconfigured = findings.find((finding) => finding.class === 'configuration');
      if (misconfigured) {
        findings.push(
          notRun({
            check: check.spec.id,
            area: check.spec.area,
            clause: misconfigured.clause,
            code: 'target-misconfigured' satisfies ProbeCode,
            reason: `the target is configured wrongly (check ${misconfigured.clause}); ${check.spec.id} was not sent`,
          }),
        );
        continue;
      }
      if (model.validation === 'not-validated') {
        findings.push(
          notRun({
            check: check.spec.id,
            area: check.spec.area,
            clause: CLAUSE.modelId,
            code: 'model-not-validated' satisfies ProbeCode,
            reason: model.unconfirmed
              ? `model \`${model.id}\` is not marked validated in the ledger, and ${model.unconfirmed}`
              : `model \`${model.id}\` is neither listed by the model-list endpoint nor marked validated in the ledger`,
          }),
        );
        continue;
      }
      const out = await probeOnce(session, check, fields, model, findings);
      if (out) probes.push(out);
    }
    return result(session, model);
  } finally {
    session.close();
  }
}
