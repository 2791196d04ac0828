/**
 * @module checks/probe/judging
 * What every judgement of one answer shares: the contract, the check, the evidence to attach, and small
 * helpers that turn "matches / contradicts / silent" into findings. Also the answers that stop judgement
 * early: a transport failure, a 429, a status that is not a success. Pure.
 */
import {
  areaOf,
  type CheckName,
  classifyFinding,
  type Finding,
  type FindingEvidence,
  type Judgement,
  notRun,
} from '../../classify/index.js';
import {
  type Area,
  CLAUSE,
  type ClauseId,
  type ClauseRef,
  type ClauseValue,
  type Contract,
  type JsonValue,
  read,
  statusMatches,
  values,
} from '../../contract/index.js';
import { type Exchange, TRANSPORT_ERROR_KINDS, type TransportErrorKind } from '../../http/index.js';
import type { NegativeCode } from '../negative/codes.js';
import type { TrafficOwnCode } from '../traffic/codes.js';
import type { ProbeCode, TransportCode } from './codes.js';

/** The not-run code of each transport failure kind: `transport-<kind>`, every kind and no other. */
const TRANSPORT_CODE = {
  refused: 'transport-refused',
  dns: 'transport-dns',
  tls: 'transport-tls',
  timeout: 'transport-timeout',
  reset: 'transport-reset',
  aborted: 'transport-aborted',
  other: 'transport-other',
} as const satisfies { readonly [K in TransportErrorKind]: `transport-${K}` & TransportCode };

const isTransportKind = (code: string): code is TransportErrorKind =>
  (TRANSPORT_ERROR_KINDS as readonly string[]).includes(code);

export interface JudgeContext {
  contract: Contract;
  check: CheckName;
  area: Area;
  /** Exchange, reproducer and request id, attached to every finding of this answer. */
  evidence: FindingEvidence;
  /** Judging clauses that are pending: their judgements are `not-run`. */
  pendingJudges: readonly string[];
  findings: Finding[];
  /**
   * When the answer was asked for (ms since 1970): timestamps in it are judged against this clock. Absent for
   * a capture that records no time; then only the unit of a timestamp is judged.
   */
  clockMs?: number;
}

export interface EmitExtra {
  expected?: JsonValue;
  observed?: JsonValue;
  details?: JsonValue;
  /** Other clauses the judgement rests on (the path a value was read at): the finding names them too. */
  also?: readonly ClauseRef[];
}

/** A code `emit` accepts: the probe's, and those of the negative and traffic checks that share its judges. */
export type JudgedCode = ProbeCode | NegativeCode | TrafficOwnCode;

/** Records a judged finding for this answer. */
export function emit(
  ctx: JudgeContext,
  judgement: Judgement,
  clause: ClauseRef | null,
  code: JudgedCode,
  message: string,
  extra: EmitExtra = {},
): void {
  const { also, ...evidence } = extra;
  const finding = classifyFinding(ctx.contract, {
    check: ctx.check,
    area: ctx.area,
    clause,
    code,
    message,
    judgement,
    evidence: { ...ctx.evidence, ...evidence },
  });
  ctx.findings.push(also && also.length > 0 ? { ...finding, clauses: [...also] } : finding);
}

/** True when `clause` can be judged; otherwise records one `not-run` for it (once per answer). */
export function judgeable(ctx: JudgeContext, clause: ClauseRef): boolean {
  if (!ctx.pendingJudges.includes(clause)) return true;
  const code: ProbeCode = 'clause-pending';
  if (!ctx.findings.some((f) => f.class === 'not-run' && f.clause === clause && f.code === code)) {
    ctx.findings.push(
      notRun({
        check: ctx.check,
        area: ctx.area,
        clause,
        code,
        reason: `clause ${clause} is pending`,
        blockedBy: [clause],
      }),
    );
  }
  return false;
}

/**
 * The value of a clause a meaning check reads, when the contract states it; otherwise one `not-run` per
 * answer, saying what was not judged. A stated clause that is silent on something is the documents' silence:
 * its caller records that with `notStated`.
 */
export function stated<I extends ClauseId>(
  ctx: JudgeContext,
  id: I,
  what: string,
): ClauseValue<I> | undefined {
  const value = read(ctx.contract, id);
  if (value !== undefined && !ctx.pendingJudges.includes(id)) return value;
  const code: ProbeCode = 'clause-pending';
  if (ctx.findings.some((f) => f.class === 'not-run' && f.clause === id && f.code === code)) return undefined;
  const clause = ctx.contract.clause(id);
  const why = !clause
    ? 'is not in the ledger'
    : clause.pending
      ? 'is pending'
      : 'does not have a usable value';
  ctx.findings.push(
    notRun({
      check: ctx.check,
      area: areaOf(ctx.contract, id, ctx.area),
      clause: id,
      code,
      reason: `clause ${id} ${why}: ${what} not judged`,
      blockedBy: [id],
    }),
  );
  return undefined;
}

/**
 * What a stated clause says the documents leave unsaid (no header documented, no relation between the usage
 * counts, no rule about a stream's ids): one `not-stated` not-run per answer and subject, with the reason. It
 * is shown beside the verdict and never keeps a pass from being given (`blocksPass`): nothing was promised.
 */
export function notStated(ctx: JudgeContext, id: ClauseId, what: string): void {
  const reason = `${id} states nothing about ${what}: not judged`;
  const code: ProbeCode = 'not-stated';
  if (ctx.findings.some((f) => f.class === 'not-run' && f.code === code && f.reason === reason)) return;
  ctx.findings.push(
    notRun({
      check: ctx.check,
      area: areaOf(ctx.contract, id, ctx.area),
      clause: id,
      code,
      reason,
      // The answer that had nothing to be judged against, as every finding of it carries.
      evidence: ctx.evidence,
      hint: `nothing to fix for a pass (the documents promise nothing here); if a source does state it, add it to \`${id}\` with that source and it is judged`,
    }),
  );
}

/** Evidence for one exchange: the redacted capture, the reproducer and the request id. */
export function evidenceOf(exchange: Exchange, reproducer: string): FindingEvidence {
  const evidence: FindingEvidence = { exchange, reproducer };
  if (exchange.requestId !== undefined) evidence.requestId = exchange.requestId;
  return evidence;
}

/**
 * A failure below HTTP (refused, DNS, TLS, reset, our own timeout, Ctrl-C) before any answer: `not-run`, never
 * `unexpected`. A target we could not reach proves nothing about the contract, so it must not escalate to the
 * provider; the finding still carries the whole observation (exchange with timings, error code, errno and
 * message, reproducer) so the operator can act on it.
 *
 * Our timeout on a target that accepted the connection is also `not-run`: `policy.timeout-ms` is our own
 * (local) limit, and `errors.timeout` documents the answer the provider sends when *its* upstream times out
 * (status, envelope, retryability), not a duration it promises. Nothing in the ledger says how long an answer
 * may take, so a request we gave up on has no documented expectation to be judged against.
 */
export function judgeTransport(ctx: JudgeContext, exchange: Exchange): boolean {
  const error = exchange.error;
  if (!error || exchange.response !== undefined) return false;
  const timedOut = error.code === 'timeout';
  const clause = timedOut ? CLAUSE.timeoutMs : CLAUSE.baseUrl;
  const errno = 'errno' in error && typeof error.errno === 'string' ? { errno: error.errno } : {};
  const reason = timedOut
    ? `${error.message}; the contract could not be observed`
    : `target not reached: ${error.message}`;
  ctx.findings.push(
    notRun({
      check: ctx.check,
      area: areaOf(ctx.contract, clause, ctx.area),
      clause,
      code: TRANSPORT_CODE[isTransportKind(error.code) ? error.code : 'other'],
      reason,
      limit: error.limit,
      evidence: { ...ctx.evidence, observed: { error: error.code, ...errno, message: error.message } },
    }),
  );
  return true;
}

/**
 * An answer that started but was cut by our own timeout or by Ctrl-C: the rest of it was never observed, so
 * what is missing is `not-run`, not a contradiction (a cut by the peer stays one). Records the finding and
 * returns true; the caller decides what it can still judge from the part it has.
 */
export function judgeLocalCut(ctx: JudgeContext, exchange: Exchange, clause: ClauseRef): boolean {
  const end = exchange.bodyEnd;
  if (end !== 'timeout' && end !== 'aborted') return false;
  const why = exchange.error?.message ?? (end === 'timeout' ? 'the local timeout fired' : 'cancelled');
  ctx.findings.push(
    notRun({
      check: ctx.check,
      area: areaOf(ctx.contract, clause, ctx.area),
      clause,
      code: `body-${end}`,
      reason: `the answer started but was not complete: ${why}; the rest of it could not be observed`,
      limit: exchange.error?.limit,
      evidence: { ...ctx.evidence, observed: { bodyEnd: end, status: exchange.response?.status ?? null } },
    }),
  );
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
function clauseForStatus(status: number): ClauseId | null {
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
