/**
 * @module checks/probe/judging
 * What every judgement of one answer shares: the contract, the check, the evidence to attach, and small
 * helpers that turn "matches / contradicts / silent" into findings. Also the answers that stop judgement
 * early: a transport failure, a 429, a status that is not a success. Pure.
 */
import { type Finding, type FindingEvidence, type Judgement, judge, notRun } from '../../classify/index.js';
import {
  type Area,
  CLAUSE,
  type Contract,
  type JsonValue,
  statusMatches,
  values,
} from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';

export interface JudgeContext {
  contract: Contract;
  check: string;
  area: Area;
  /** Exchange, reproducer and request id, attached to every finding of this answer. */
  evidence: FindingEvidence;
  /** Judging clauses that are pending: their judgements are `not-run`. */
  pendingJudges: readonly string[];
  findings: Finding[];
}

export interface EmitExtra {
  expected?: JsonValue;
  observed?: JsonValue;
  details?: JsonValue;
}

/** Records a judged finding for this answer. */
export function emit(
  ctx: JudgeContext,
  judgement: Judgement,
  clause: string | null,
  code: string,
  message: string,
  extra: EmitExtra = {},
): void {
  ctx.findings.push(
    judge(ctx.contract, {
      check: ctx.check,
      area: ctx.area,
      clause,
      code,
      message,
      judgement,
      evidence: { ...ctx.evidence, ...extra },
    }),
  );
}

/** True when `clause` can be judged; otherwise records one `not-run` for it (once per answer). */
export function judgeable(ctx: JudgeContext, clause: string): boolean {
  if (!ctx.pendingJudges.includes(clause)) return true;
  const code = 'clause-pending';
  if (!ctx.findings.some((f) => f.class === 'not-run' && f.clause === clause && f.code === code)) {
    ctx.findings.push(
      notRun({ check: ctx.check, area: ctx.area, clause, code, reason: `clause ${clause} is pending` }),
    );
  }
  return false;
}

/** Evidence for one exchange: the redacted capture, the reproducer and the request id. */
export function evidenceOf(exchange: Exchange, reproducer: string): FindingEvidence {
  const evidence: FindingEvidence = { exchange, reproducer };
  if (exchange.requestId !== undefined) evidence.requestId = exchange.requestId;
  return evidence;
}

/** A failure below HTTP: the endpoint (or the local timeout) did not hold. */
export function judgeTransport(ctx: JudgeContext, exchange: Exchange): boolean {
  const error = exchange.error;
  if (!error || exchange.response !== undefined) return false;
  const clause = error.code === 'timeout' ? CLAUSE.timeoutMs : CLAUSE.baseUrl;
  emit(ctx, 'contradicts', clause, `transport-${error.code}`, error.message, {
    observed: { error: error.code, message: error.message },
  });
  return true;
}

/** A 429: judged against `errors.rate-limit`; the session has already stopped sending. */
export function judgeRateLimit(ctx: JudgeContext, exchange: Exchange): boolean {
  if (exchange.response?.status !== 429) return false;
  const expected = values.errorExpectation(ctx.contract, CLAUSE.rateLimit);
  const retryAfter = exchange.response.headers['retry-after'];
  const observed: JsonValue = { status: 429, ...(retryAfter ? { retryAfter } : {}) };
  const message = 'rate limited (429): chatproof stopped sending for the rest of this run';
  if (!expected) {
    emit(ctx, 'silent', CLAUSE.rateLimit, 'rate-limited', message, { observed });
  } else {
    const judgement = statusMatches(expected.status, 429) ? 'matches' : 'contradicts';
    emit(ctx, judgement, CLAUSE.rateLimit, 'rate-limited', message, {
      expected: { status: expected.status, retryable: expected.retryable },
      observed,
    });
  }
  return true;
}

/** The clause a wrong status on a success request points at. */
function clauseForStatus(status: number): string | null {
  if (status === 401 || status === 403) return CLAUSE.authHeader;
  if (status === 404 || (status >= 300 && status < 400)) return CLAUSE.chatPath;
  return null;
}

/** A request that should succeed got another status: the answer is not judged further. */
export function judgeSuccessStatus(ctx: JudgeContext, exchange: Exchange): boolean {
  const status = exchange.response?.status;
  if (status === undefined || (status >= 200 && status < 300)) return false;
  const location = exchange.response?.headers.location;
  const detail = location ? ` (redirect to ${location}; not followed)` : '';
  emit(
    ctx,
    'contradicts',
    clauseForStatus(status),
    'status-not-success',
    `expected a success, got ${status}${detail}`,
    {
      expected: '2xx',
      observed: status,
    },
  );
  return true;
}
