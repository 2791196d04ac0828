/**
 * @module checks/audit/judge
 * One scenario's outcome: every applicable rule judged, the scenario's class, and its finding. Pure.
 */
import { auditCheck, mostSevere, notRun, severity } from '../../classify/index.js';
import type { Finding, JudgedFinding } from '../../classify/types.js';
import { CLAUSE, type ClauseRef, clauseRef, type JsonValue } from '../../contract/index.js';
import type { RunLimit } from '../../http/index.js';
import { type Attempt, formatFaultSpec } from '../../proxy/index.js';
import type { AuditCode } from './codes.js';
import { faultedCall, observeCalls, summariseCalls } from './observe.js';
import { AUDIT_RULES, type AuditRuleContext, describeExit } from './rules.js';
import { lastLine } from './stderr-line.js';
import type {
  AuditPolicy,
  AuditRuleOutcome,
  AuditScenario,
  AuditScenarioResult,
  CommandRun,
} from './types.js';

export interface JudgeInput {
  scenario: AuditScenario;
  policy: AuditPolicy;
  run: CommandRun;
  attempts: Attempt[];
  clauseValue(id: string): string | undefined;
}

function attemptSummary(attempt: Attempt): JsonValue {
  const summary: Record<string, JsonValue> = {
    seq: attempt.seq,
    route: attempt.route,
    atMs: attempt.atMs,
    path: attempt.path,
    stream: attempt.stream,
    outcome: attempt.outcome,
    totalMs: attempt.totalMs,
    faults: attempt.faults,
    retryHeaders: attempt.retryHeaders,
    retrySignals: attempt.retrySignals,
  };
  if (attempt.model !== undefined) summary.model = attempt.model;
  if (attempt.status !== undefined) summary.status = attempt.status;
  return summary;
}

/** "2 calls, at most 3 attempts per call". */
function callsText(calls: number, most: number): string {
  return `${calls} call${calls === 1 ? '' : 's'}, at most ${most} attempt${most === 1 ? '' : 's'} per call`;
}

/** A scenario that could not run. */
export function notRunResult(
  scenario: AuditScenario,
  reason: string,
  blockedBy: readonly ClauseRef[] = [],
  limit?: RunLimit,
  hint?: string,
): AuditScenarioResult {
  const finding = notRun({
    blockedBy,
    limit,
    ...(hint ? { hint } : {}),
    check: auditCheck(scenario.name),
    area: scenario.area,
    clause: scenario.clause,
    code: 'not-run' satisfies AuditCode,
    reason,
  });
  return {
    name: scenario.name,
    kind: scenario.kind,
    description: scenario.description,
    fault: formatFaultSpec(scenario.fault),
    attempts: 0,
    delaysMs: [],
    calls: [],
    totalAttempts: 0,
    exitCode: null,
    timedOut: false,
    durationMs: 0,
    class: 'not-run',
    rules: [],
    finding,
    log: [],
  };
}

/** Why every other scenario is not run when the baseline failed. */
export const BASELINE_FAILED = 'the client failed without any fault; fix it first (see baseline)';

/**
 * A scenario that ran but cannot be judged (the command could not start, or failed with no fault at all): not
 * run, with what the command did as its evidence. The provider did nothing wrong, so nothing here escalates.
 */
function unjudged(input: JudgeInput, reason: string): AuditScenarioResult {
  const { scenario, run } = input;
  const calls = observeCalls(input.attempts);
  const stderrLine = lastLine(run.stderrTail);
  const result = notRunResult(scenario, reason);
  result.finding.evidence = {
    expected: scenario.description,
    observed: `the command ${describeExit(run)}`,
    details: {
      exitCode: run.exitCode,
      signal: run.signal,
      timedOut: run.timedOut,
      ...(run.spawnError ? { spawnError: run.spawnError } : {}),
      attempts: input.attempts.map(attemptSummary),
      stderrTail: run.stderrTail,
    },
  };
  return {
    ...result,
    ...summariseCalls(calls),
    delaysMs: calls.flatMap((call) => call.delaysMs),
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: Math.round(run.durationMs),
    ...(stderrLine !== undefined ? { stderrLine } : {}),
    log: input.attempts,
  };
}

/**
 * Why an unfaulted run failed, when the answers say: a 401/403 or a 404/redirect from the upstream is the
 * target's configuration (the client's key, the base URL), not the client's handling.
 */
function baselineCause(attempts: readonly Attempt[]): string {
  const status = attempts.find(
    (attempt) => attempt.faults.length === 0 && attempt.status !== undefined,
  )?.status;
  if (status === 401 || status === 403) {
    return `the upstream answered ${status} to its first request: the key it sends is not accepted (check ${CLAUSE.keyRef}), so no scenario is judged`;
  }
  if (status === 404 || (status !== undefined && status >= 300 && status < 400)) {
    return `the upstream answered ${status} to its first request: check ${CLAUSE.baseUrl} and ${CLAUSE.chatPath}, so no scenario is judged`;
  }
  return 'the audit cannot judge a client that fails on its own';
}

/** Scenario kinds whose fault acts on streamed answers only. */
const STREAM_KINDS: ReadonlySet<AuditScenario['kind']> = new Set(['broken-stream', 'cut-stream']);

/** The route to judging a scenario whose fault met no request: for a stream fault, the client never streamed. */
function noRequestHint(scenario: AuditScenario): string {
  const key = `\`${auditCheck(scenario.name)}:not-run\``;
  const waiver = `waive ${key} (justification: the application never streams; an approver; an expiry)`;
  return STREAM_KINDS.has(scenario.kind)
    ? `the audited command never streams: if the application streams in production, make the command stream as it does there; if it never does, ${waiver}`
    : `make the audited command send the request this scenario faults (${scenario.description}), or waive ${key}`;
}

/** Judges one scenario that ran. */
export function judgeScenario(input: JudgeInput): AuditScenarioResult {
  const { scenario, run } = input;
  if (run.spawnError) return unjudged(input, `the command could not start: ${run.spawnError}`);
  const baselineFailed = scenario.kind === 'baseline' && (run.timedOut || run.exitCode !== 0);
  if (baselineFailed) {
    const line = lastLine(run.stderrTail);
    return unjudged(
      input,
      `without any fault the command ${describeExit(run)}${line ? ` (stderr: ${line})` : ''}; ${baselineCause(input.attempts)}`,
    );
  }
  const calls = observeCalls(input.attempts);
  if (scenario.fault.length > 0 && !run.spawnError && !run.timedOut && faultedCall(calls) === undefined) {
    // Nothing to judge: the client never made a request this fault acts on (no stream, say).
    return {
      ...notRunResult(
        scenario,
        'the client made no request this fault applies to',
        [],
        undefined,
        noRequestHint(scenario),
      ),
      ...summariseCalls(calls),
      delaysMs: calls.flatMap((call) => call.delaysMs),
      exitCode: run.exitCode,
      durationMs: Math.round(run.durationMs),
      log: input.attempts,
    };
  }
  const context: AuditRuleContext = {
    scenario,
    policy: input.policy,
    calls,
    run,
    clauseValue: input.clauseValue,
  };
  const rules: (AuditRuleOutcome & { failClass: JudgedFinding['class'] })[] = AUDIT_RULES.filter((rule) =>
    rule.applies(context),
  ).map((rule) => ({
    id: rule.id,
    ...rule.judge(context),
    source: rule.source(context),
    failClass: rule.failClass,
  }));
  const failed = rules.filter((rule) => !rule.ok);
  // When rules disagree, the most serious class wins.
  const cls: JudgedFinding['class'] = mostSevere(failed.map((r) => r.failClass)) ?? 'documented-handled';
  const delaysMs = calls.flatMap((call) => call.delaysMs);
  const summary = summariseCalls(calls);
  const outcomes: AuditRuleOutcome[] = rules.map(({ failClass: _, ...rest }) => rest);
  const firstFailure = failed.sort((a, b) => severity(a.failClass) - severity(b.failClass))[0];
  const stderrLine = lastLine(run.stderrTail);
  const message = `${scenario.name}: ${firstFailure ? firstFailure.message : 'handled as the rules expect'} (${callsText(summary.calls.length, summary.attempts)}, command ${describeExit(run)})`;
  const finding: Finding = {
    class: cls,
    check: auditCheck(scenario.name),
    area: scenario.area,
    clause: firstFailure?.id === 'fallback-documented' ? 'policy.fallback-variable' : scenario.clause,
    clauses: judgedBy(scenario, rules),
    code: (firstFailure ? firstFailure.id : 'handled') satisfies AuditCode,
    message,
    evidence: {
      expected: scenario.description,
      observed: outcomes.map((rule) => `${rule.ok ? 'ok' : 'FAIL'} ${rule.id}: ${rule.message}`),
      details: {
        fault: formatFaultSpec(scenario.fault),
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        delaysMs,
        attempts: input.attempts.map(attemptSummary),
        stderrTail: run.stderrTail,
      },
    },
  };
  return {
    name: scenario.name,
    kind: scenario.kind,
    description: scenario.description,
    fault: formatFaultSpec(scenario.fault),
    ...summary,
    delaysMs,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: Math.round(run.durationMs),
    ...(stderrLine !== undefined ? { stderrLine } : {}),
    class: cls,
    rules: outcomes,
    finding,
    log: input.attempts,
  };
}

/**
 * The clauses a scenario judged: its own, and the ledger clause each rule rests on. When a rule broke, only the
 * clauses of the broken rules: the rules that held do not make their clauses fail.
 */
function judgedBy(
  scenario: AuditScenario,
  rules: readonly (AuditRuleOutcome & { ok: boolean })[],
): ClauseRef[] {
  const broken = rules.filter((rule) => !rule.ok);
  const refs = (broken.length > 0 ? broken : rules).flatMap((rule) =>
    rule.source.kind === 'ledger' ? [clauseRef(rule.source.ref)] : [],
  );
  return [...new Set([...(scenario.clause ? [scenario.clause] : []), ...refs])];
}
