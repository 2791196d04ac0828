/**
 * @module checks/probe/judge-headers
 * What an answer's headers say, judged: its media type against `response.media-types`, every documented
 * header against its syntax in `response.headers` (and a rate-limit `remaining` within its `limit`), and the
 * retry signal of a 429. Pure over the redacted exchange.
 */
import {
  type AnswerKind,
  CLAUSE,
  type Contract,
  type HeaderSyntax,
  type JsonValue,
  read,
} from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import { type HeaderReading, readHeader, retryHeaderSyntax, SYNTAX_LABEL } from './header-syntax.js';
import { judgeMeaning } from './judge-meaning.js';
import { emit, type JudgeContext, notStated, stated } from './judging.js';
import { parseJson } from './tokens.js';

const ANSWER: Record<AnswerKind, string> = {
  json: 'completion',
  stream: 'stream',
  models: 'model-list',
  error: 'error',
};

/** `application/json` from `Application/JSON; charset=utf-8`. */
export function essence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The answer's media type against the one documented for its kind. Returns true when it was judged (stated
 * for this kind), so a caller can keep a fallback for contracts that state none.
 */
export function judgeMediaType(ctx: JudgeContext, kind: AnswerKind, exchange: Exchange): boolean {
  const response = exchange.response;
  if (!response) return false;
  const media = stated(ctx, CLAUSE.mediaTypes, `the media type of the ${ANSWER[kind]} answer`);
  const expected = media?.[kind];
  if (media && expected === undefined) notStated(ctx, CLAUSE.mediaTypes, `the ${ANSWER[kind]} answer`);
  if (expected === undefined) return false;
  const raw = response.headers['content-type'] ?? '';
  const observed = essence(raw);
  const scope = kind === 'error' ? media?.errorStatuses : undefined;
  if (scope && !scope.some((status) => errorStatusCovers(status, response.status))) {
    // The documents give the error media type for some statuses only (OpenAI's: the 429): another status's
    // media type is observed, not contracted.
    emit(
      ctx,
      'silent',
      CLAUSE.mediaTypes,
      'media-type-undocumented',
      `the error answer (status ${response.status}) is \`${raw || 'no content-type'}\`; the documents state the error media type for ${scope.join(', ')} only`,
      { expected: { [kind]: expected, errorStatuses: scope }, observed: raw },
    );
    return true;
  }
  if (observed === expected.toLowerCase()) {
    emit(
      ctx,
      'matches',
      CLAUSE.mediaTypes,
      'media-type-matches',
      `the ${ANSWER[kind]} answer is \`${expected}\``,
      {
        observed: raw,
      },
    );
  } else {
    emit(
      ctx,
      'contradicts',
      CLAUSE.mediaTypes,
      'media-type-mismatch',
      `the ${ANSWER[kind]} answer (status ${response.status}) is \`${raw || 'no content-type'}\`, not \`${expected}\``,
      { expected, observed: raw },
    );
  }
  return true;
}

/** `429` covers 429, `4XX` every 4xx. */
function errorStatusCovers(documented: string, status: number): boolean {
  return documented.endsWith('XX') ? documented[0] === String(status)[0] : Number(documented) === status;
}

/** The retry headers the ledger names: `limits.retry-after` (`none` when there is none). */
function retryHeader(contract: Contract): string | undefined {
  const name = read(contract, CLAUSE.retryAfter)?.toLowerCase();
  return name === undefined || name === 'none' ? undefined : name;
}

const RATE_LIMITS = ['requests', 'tokens'].map((what) => ({
  what,
  remaining: `x-ratelimit-remaining-${what}`,
  limit: `x-ratelimit-limit-${what}`,
}));
const DIGITS = /^\d+$/;

/** A documented rate-limit `remaining` above its documented `limit`, for requests and for tokens. */
export function rateLimitOverruns(
  documented: Readonly<Record<string, unknown>>,
  headers: Readonly<Record<string, string>>,
): { what: string; remaining: string; limit: string }[] {
  const out: { what: string; remaining: string; limit: string }[] = [];
  for (const names of RATE_LIMITS) {
    const remaining = headers[names.remaining];
    const limit = headers[names.limit];
    if (!remaining || !limit || !(names.remaining in documented) || !(names.limit in documented)) continue;
    if (!DIGITS.test(remaining) || !DIGITS.test(limit)) continue;
    if (Number(remaining) > Number(limit)) out.push({ what: names.what, remaining, limit });
  }
  return out;
}

/** Every documented header the answer carries, read by its documented syntax; a 429's retry signal too. */
export function judgeHeaders(ctx: JudgeContext, exchange: Exchange): void {
  const response = exchange.response;
  if (!response) return;
  if (response.status === 429) judgeRetrySignal(ctx, exchange);
  const documented = stated(ctx, CLAUSE.responseHeaders, 'the syntax of documented response headers');
  if (!documented) return;
  if (Object.keys(documented).length === 0) {
    notStated(ctx, CLAUSE.responseHeaders, 'any response header (rate-limit and retry signals, request id)');
    return;
  }
  // On a 429 the retry signal is judged with its consequence (judgeRetrySignal), once.
  const skip = response.status === 429 ? retryHeader(ctx.contract) : undefined;
  const valid: string[] = [];
  for (const [name, syntax] of Object.entries(documented)) {
    const raw = response.headers[name];
    if (raw === undefined || name === skip) continue;
    if (readHeader(syntax, raw, ctx.clockMs).ok) {
      valid.push(name);
      continue;
    }
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseHeaders,
      'header-syntax-invalid',
      `header \`${name}: ${raw.slice(0, 80)}\` is not ${SYNTAX_LABEL[syntax]}`,
      { expected: { [name]: syntax }, observed: { [name]: raw.slice(0, 200) } },
    );
  }
  const overLimit = rateLimitOverruns(documented, response.headers);
  for (const { what, remaining, limit } of overLimit) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseHeaders,
      'header-syntax-invalid',
      `\`x-ratelimit-remaining-${what}: ${remaining}\` exceeds \`x-ratelimit-limit-${what}: ${limit}\``,
      { expected: `at most ${limit}`, observed: { remaining, limit } },
    );
  }
  if (valid.length > 0 && overLimit.length === 0) {
    emit(
      ctx,
      'matches',
      CLAUSE.responseHeaders,
      'header-syntax-valid',
      `${valid.length} documented header(s) read as documented: ${valid.join(', ')}`,
      { observed: Object.fromEntries(valid.map((name) => [name, response.headers[name] ?? ''])) },
    );
  }
}

/** The retry header `limits.retry-after` names, read by its documented syntax (else the RFC's); undefined when absent. */
export function readRetrySignal(
  contract: Contract,
  headers: Readonly<Record<string, string>>,
  clockMs: number | undefined,
): { name: string; raw: string; syntax: HeaderSyntax; reading: HeaderReading } | undefined {
  const name = retryHeader(contract);
  const raw = name === undefined ? undefined : headers[name];
  if (name === undefined || raw === undefined) return undefined;
  const syntax = read(contract, CLAUSE.responseHeaders)?.[name] ?? retryHeaderSyntax(name);
  return { name, raw, syntax, reading: readHeader(syntax, raw, clockMs) };
}

/**
 * A 429's retry signal: read by the syntax `response.headers` gives it (else the RFC's), or a finding when it
 * cannot be read. chatproof never retries at once either way: after a 429 it stops sending for the rest of
 * the run (its own back-off), so an unreadable signal cannot make it hammer the target.
 */
function judgeRetrySignal(ctx: JudgeContext, exchange: Exchange): void {
  const signal = readRetrySignal(ctx.contract, exchange.response?.headers ?? {}, ctx.clockMs);
  if (!signal) return;
  const { name, raw, syntax, reading } = signal;
  const backoff: JsonValue = { policy: 'stop-sending', retries: 0 };
  if (reading.ok) {
    emit(
      ctx,
      'matches',
      CLAUSE.retryAfter,
      'retry-signal-read',
      `429 retry signal \`${name}: ${raw}\` read`,
      {
        observed: { [name]: raw, ...(reading.value !== undefined ? { delayMs: reading.value } : {}) },
        details: { backoff },
      },
    );
    return;
  }
  emit(
    ctx,
    'contradicts',
    CLAUSE.retryAfter,
    'retry-signal-unreadable',
    `429 retry signal \`${name}: ${raw.slice(0, 80)}\` is not ${SYNTAX_LABEL[syntax]}; chatproof did not retry at once, it stopped sending for the rest of the run (its own back-off)`,
    { expected: { [name]: syntax }, observed: { [name]: raw.slice(0, 200) }, details: { backoff } },
  );
}

/**
 * A 429 met where a success was asked for is still an error answer the documents describe: its media type
 * and the meaning of its body are judged before the run stops sending.
 */
export function judgeRateLimitedAnswer(ctx: JudgeContext, exchange: Exchange): void {
  const response = exchange.response;
  if (response?.status !== 429) return;
  judgeMediaType(ctx, 'error', exchange);
  const parsed = parseJson(response.body);
  if (parsed.ok) judgeMeaning(ctx, 'error', [parsed.value]);
}
