/**
 * @module checks/probe/judge-json
 * The non-streaming probe's answer, judged: reachable, a success, a JSON object that is not an error
 * envelope in disguise, then every response clause. Pure over the redacted exchange.
 */
import { CLAUSE, read, values } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import {
  judgeContent,
  judgeFinishReason,
  judgeId,
  judgeModelEcho,
  judgeUsage,
  type ParserResult,
} from './judge-body.js';
import { judgeFields, presenceOf } from './judge-fields.js';
import { judgeHeaders, judgeMediaType, judgeRateLimitedAnswer } from './judge-headers.js';
import { judgeMeaning } from './judge-meaning.js';
import {
  emit,
  type JudgeContext,
  judgeLocalCut,
  judgeRateLimit,
  judgeSuccessStatus,
  judgeTransport,
} from './judging.js';
import { resolvePath } from './paths.js';
import { missingRead } from './presence.js';
import { parseJson } from './tokens.js';

/** True when `body` looks like the ledger's error envelope (the wrapper key, and no documented success shape). */
export function isErrorEnvelope(ctx: JudgeContext, body: unknown): boolean {
  const envelope = read(ctx.contract, CLAUSE.errorEnvelope);
  return Boolean(
    envelope && body !== null && typeof body === 'object' && !Array.isArray(body) && envelope.wrapper in body,
  );
}

/** Judges a JSON answer; returns what the probe's parser made of it. */
export function judgeJson(
  ctx: JudgeContext,
  exchange: Exchange,
  requestedModel: string,
  literal: string,
): ParserResult {
  const parser: ParserResult = { parsed: false };
  if (judgeTransport(ctx, exchange)) return parser;
  judgeHeaders(ctx, exchange);
  judgeRateLimitedAnswer(ctx, exchange);
  if (judgeRateLimit(ctx, exchange) || judgeSuccessStatus(ctx, exchange)) return parser;
  const response = exchange.response;
  if (!response) return parser;
  judgeMediaType(ctx, 'json', exchange);
  // A body our own timer (or Ctrl-C) cut is partial: judging its JSON would blame the target for our cut.
  if (judgeLocalCut(ctx, exchange, CLAUSE.responseFields)) return parser;
  if (exchange.bodyEnd !== undefined && exchange.bodyEnd !== 'complete') {
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseFields,
      'body-cut',
      `the body ended early (${exchange.bodyEnd})`,
      {
        observed: exchange.bodyEnd,
      },
    );
  }
  const parsed = parseJson(response.body);
  if (!parsed.ok) {
    parser.error = parsed.error;
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseFields,
      'body-not-json',
      `the success body is not JSON (${response.headers['content-type'] ?? 'no content-type'}): ${parsed.error}`,
      {
        expected: 'application/json',
        observed: response.body.slice(0, 200),
      },
    );
    return parser;
  }
  const body = parsed.value;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseFields,
      'body-not-object',
      'the success body is not a JSON object',
    );
    return parser;
  }
  if (isErrorEnvelope(ctx, body)) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.errorEnvelope,
      'error-body-on-success',
      `status ${response.status} carries an error envelope`,
      {
        observed: response.body.slice(0, 500),
      },
    );
    return parser;
  }
  parser.parsed = true;
  judgeFields(ctx, body);
  judgeContent(ctx, body, parser, literal);
  const finishPath = values.string(ctx.contract, CLAUSE.finishReasonPath);
  if (finishPath) {
    const finish = resolvePath(body, finishPath).values;
    const missing = missingRead(presenceOf(ctx, body), body, finishPath);
    judgeFinishReason(ctx, finish[0], finish.length > 0, parser, missing);
  }
  judgeId(ctx, body, parser);
  judgeUsage(ctx, body, parser);
  judgeModelEcho(ctx, body, requestedModel, parser);
  judgeMeaning(ctx, 'json', [body]);
  return parser;
}
