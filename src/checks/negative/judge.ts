/**
 * @module checks/negative/judge
 * One negative answer against its `errors.*` clause: status (one or a list), body kind (json, html,
 * redirect), the envelope of `errors.envelope`, the documented type and code, the request id, and the
 * retry signals the answer carries. Pure over the redacted exchange.
 */
import { notRun } from '../../classify/index.js';
import {
  CLAUSE,
  type ClauseRef,
  type ErrorExpectation,
  type JsonValue,
  read,
  statusMatches,
  values,
} from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import {
  emit,
  type JudgeContext,
  judgeable,
  judgeHeaders,
  judgeLocalCut,
  judgeMeaning,
  judgeMediaType,
  judgeRateLimit,
  judgeSchema,
  judgeTransport,
  parseJson,
} from '../probe/index.js';
import type { NegativeCode } from './codes.js';

export type BodyKind = 'json' | 'html' | 'redirect' | 'text' | 'empty';

/** What kind of body an error answer has. */
export function bodyKind(exchange: Exchange): BodyKind {
  const response = exchange.response;
  if (!response) return 'empty';
  if (response.status >= 300 && response.status < 400 && response.headers.location) return 'redirect';
  const type = response.headers['content-type'] ?? '';
  const text = response.body.trim();
  if (type.includes('html') || /^<(!doctype|html)/i.test(text)) return 'html';
  if (text === '') return 'empty';
  return parseJson(text).ok ? 'json' : 'text';
}

/** Retry signals on the answer, recorded beside the ledger's `retryable`. */
function retrySignals(exchange: Exchange): Record<string, string> {
  const headers = exchange.response?.headers ?? {};
  const out: Record<string, string> = {};
  for (const name of ['retry-after', 'retry-after-ms', 'x-should-retry']) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Judges one negative answer against `expectation` (the case's `errors.*` clause). */
export function judgeError(
  ctx: JudgeContext,
  clause: ClauseRef,
  expectation: ErrorExpectation,
  exchange: Exchange,
): void {
  if (judgeTransport(ctx, exchange)) return;
  judgeHeaders(ctx, exchange);
  if (judgeRateLimit(ctx, exchange) && clause !== CLAUSE.rateLimit) {
    ctx.findings.push(
      notRun({
        check: ctx.check,
        area: ctx.area,
        clause,
        code: 'rate-limited' satisfies NegativeCode,
        reason: 'a 429 came back before this case could be judged',
      }),
    );
    return;
  }
  const response = exchange.response;
  if (!response) return;
  // A partial error body (our timer or Ctrl-C cut it) cannot be judged against the envelope.
  if (judgeLocalCut(ctx, exchange, clause)) return;
  const kind = bodyKind(exchange);
  const signals = retrySignals(exchange);
  const expected: JsonValue = {
    status: expectation.status,
    retryable: expectation.retryable,
    body: expectation.body ?? 'json',
  };
  const observed: JsonValue = { status: response.status, body: kind, ...signals };
  if (response.status >= 200 && response.status < 300) {
    emit(
      ctx,
      'contradicts',
      clause,
      'accepted',
      `the API accepted a request the ledger says it rejects (status ${response.status})`,
      {
        expected,
        observed,
      },
    );
    return;
  }
  if (statusMatches(expectation.status, response.status)) {
    emit(ctx, 'matches', clause, 'status-matches', `status ${response.status}, as documented`, {
      expected,
      observed,
    });
  } else {
    emit(
      ctx,
      'contradicts',
      clause,
      'status-mismatch',
      `status ${response.status}; the ledger expects ${JSON.stringify(expectation.status)}`,
      {
        expected,
        observed,
      },
    );
  }
  const wantKind = expectation.body ?? 'json';
  if (kind !== wantKind) {
    emit(
      ctx,
      'contradicts',
      clause,
      'body-kind-mismatch',
      `the error body is ${kind}; the ledger expects ${wantKind}`,
      {
        expected: wantKind,
        observed: kind,
      },
    );
  }
  const shouldRetry = signals['x-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') {
    const says = shouldRetry === 'true';
    emit(
      ctx,
      says === expectation.retryable ? 'matches' : 'contradicts',
      clause,
      says === expectation.retryable ? 'retryability-matches' : 'retryability-mismatch',
      `x-should-retry: ${shouldRetry}; the ledger says retryable: ${expectation.retryable}`,
      {
        expected: expectation.retryable,
        observed: says,
      },
    );
  }
  // The documented error media type is that of the JSON envelope; an expected HTML page or redirect has its own.
  if (wantKind === 'json') judgeMediaType(ctx, 'error', exchange);
  if (kind === 'json') judgeEnvelope(ctx, clause, expectation, parseJson(response.body));
  judgeRequestId(ctx, exchange, kind);
}

function judgeEnvelope(
  ctx: JudgeContext,
  clause: ClauseRef,
  expectation: ErrorExpectation,
  parsed: ReturnType<typeof parseJson>,
): void {
  const envelope = read(ctx.contract, CLAUSE.errorEnvelope);
  if (!parsed.ok || !envelope || !judgeable(ctx, CLAUSE.errorEnvelope)) return;
  const body = parsed.value as Record<string, unknown>;
  const inner = body?.[envelope.wrapper];
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.errorEnvelope,
      'envelope-missing',
      `the error body has no \`${envelope.wrapper}\` object`,
      {
        expected: envelope as unknown as JsonValue,
        observed: Object.keys(body ?? {}),
      },
    );
    return;
  }
  const keys = Object.keys(inner);
  const missing = envelope.keys.filter((key) => !keys.includes(key));
  const extra = keys.filter((key) => !envelope.keys.includes(key));
  if (missing.length > 0) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.errorEnvelope,
      'envelope-keys-missing',
      `the error envelope lacks ${missing.join(', ')}`,
      {
        expected: envelope.keys,
        observed: keys,
      },
    );
  } else {
    emit(
      ctx,
      'matches',
      CLAUSE.errorEnvelope,
      'envelope-matches',
      `the error envelope has ${envelope.keys.join(', ')}`,
      {
        observed: keys,
      },
    );
  }
  if (extra.length > 0) {
    emit(
      ctx,
      'silent',
      CLAUSE.errorEnvelope,
      'envelope-keys-undocumented',
      `the error envelope also has ${extra.join(', ')} (observed, not contracted)`,
      {
        observed: extra,
      },
    );
  }
  const fields = inner as Record<string, unknown>;
  for (const key of ['type', 'code'] as const) {
    const want = expectation[key];
    if (want === undefined) continue;
    const got = fields[key] ?? null;
    if (got === want) {
      emit(ctx, 'matches', clause, `error-${key}-matches`, `error ${key} \`${String(got)}\`, as documented`, {
        observed: got as JsonValue,
      });
    } else {
      emit(
        ctx,
        'contradicts',
        clause,
        `error-${key}-mismatch`,
        `error ${key} is \`${String(got)}\`; the ledger expects \`${want}\``,
        {
          expected: want,
          observed: got as JsonValue,
        },
      );
    }
  }
  judgeSchema(ctx, CLAUSE.errorEnvelope, parsed.value, 'envelope-schema-violation', 'error body');
  judgeMeaning(ctx, 'error', [parsed.value]);
}

function judgeRequestId(ctx: JudgeContext, exchange: Exchange, kind: BodyKind): void {
  const location = values.string(ctx.contract, CLAUSE.requestId);
  if (!location || !judgeable(ctx, CLAUSE.requestId)) return;
  // A message pattern can only match a JSON error message; redirects and HTML pages carry none.
  if (location.startsWith('message:') && kind !== 'json') return;
  if (exchange.requestId !== undefined) {
    emit(
      ctx,
      'matches',
      CLAUSE.requestId,
      'request-id-present',
      `request id found (${location.split(':')[0]})`,
      {
        observed: exchange.requestId,
      },
    );
  } else {
    emit(
      ctx,
      'contradicts',
      CLAUSE.requestId,
      'request-id-missing',
      `no request id where the ledger says (${location})`,
      {
        expected: location,
      },
    );
  }
}
