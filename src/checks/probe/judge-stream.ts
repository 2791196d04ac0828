/**
 * @module checks/probe/judge-stream
 * The streaming probe's answer, judged: headers and media type, framing, each chunk's shape (and the chunk
 * schema when the `response.stream-done` clause carries one) and meaning, in-band error events, the
 * terminator, the final completion status, the stream rules, the usage chunk when documented, the echoed
 * model, and a cut stream. Every check runs on every stream: one problem never hides another. Pure over the
 * redacted stream exchange.
 */
import { CLAUSE, type JsonValue, values } from '../../contract/index.js';
import type { SseFraming, StreamExchange } from '../../http/index.js';
import { judgeFinishReason, judgeModelEcho, type ParserResult } from './judge-body.js';
import { judgeChunks } from './judge-chunks.js';
import { essence, judgeHeaders, judgeMediaType, judgeRateLimitedAnswer } from './judge-headers.js';
import { isErrorEnvelope } from './judge-json.js';
import { judgeMeaning } from './judge-meaning.js';
import { judgeStreamCut, judgeStreamRules, judgeStreamUsage } from './judge-stream-rules.js';
import {
  emit,
  type JudgeContext,
  judgeable,
  judgeLocalCut,
  judgeRateLimit,
  judgeSuccessStatus,
  judgeTransport,
} from './judging.js';
import { resolvePath } from './paths.js';
import { scan } from './stream-scan.js';
import { parseJson } from './tokens.js';

/** What the stream looked like, for the probe record. */
export interface StreamSummary {
  events: number;
  chunks: number;
  done: boolean;
  errorEvents: number;
  bodyEnd: string;
  framing: SseFraming;
  usageChunk: boolean;
}

/** Judges a stream answer; returns the parser result and a summary of the stream. Every check runs. */
export function judgeStream(
  ctx: JudgeContext,
  exchange: StreamExchange,
  requestedModel: string,
  includeUsage: boolean,
): ParserResult & { stream?: StreamSummary } {
  const parser: ParserResult & { stream?: StreamSummary } = { parsed: false };
  if (judgeTransport(ctx, exchange)) return parser;
  judgeHeaders(ctx, exchange);
  judgeRateLimitedAnswer(ctx, exchange);
  if (judgeRateLimit(ctx, exchange) || judgeSuccessStatus(ctx, exchange)) return parser;
  const type = exchange.response?.headers['content-type'] ?? '';
  const sse = essence(type) === 'text/event-stream';
  if (!sse) {
    const body = parseJson(exchange.response?.body ?? '');
    if (body.ok && isErrorEnvelope(ctx, body.value)) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.errorEnvelope,
        'error-body-on-success',
        'a stream request got an error envelope with a success status',
        { expected: 'text/event-stream', observed: type },
      );
      return parser;
    }
  }
  // Without a documented media type, a stream is still an event stream by what `stream: true` asks for.
  if (!judgeMediaType(ctx, 'stream', exchange) && !sse) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.streamField,
      'stream-content-type',
      `a stream request got \`${type || 'no content-type'}\`, not text/event-stream`,
      { expected: 'text/event-stream', observed: type },
    );
  }
  // Judge what arrived as a stream all the same, so a wrong media type never hides what else is wrong;
  // a body with no event in it has nothing more to judge.
  if (!sse && !exchange.events.some((event) => event.data !== '')) return parser;
  const terminator = values.string(ctx.contract, CLAUSE.streamDone);
  const s = scan(ctx, exchange, terminator);
  parser.parsed = s.chunks.length > 0;
  const cutByTransport = exchange.bodyEnd !== 'complete' || exchange.framing.incomplete;
  parser.stream = {
    events: exchange.events.length,
    chunks: s.chunks.length,
    done: s.done,
    errorEvents: s.errors.length,
    bodyEnd: exchange.bodyEnd,
    framing: exchange.framing,
    usageChunk: s.usageChunk !== undefined,
  };
  if (s.errors.length > 0) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.errorEnvelope,
      'stream-error-event',
      `the stream carried ${s.errors.length} in-band error event(s) after a 200`,
      {
        observed: s.errors,
      },
    );
  }
  if (s.notJson.length > 0) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.streamField,
      'chunk-not-json',
      `${s.notJson.length} stream event(s) are not JSON objects`,
      {
        observed: s.notJson.slice(0, 3),
      },
    );
  }
  if (exchange.framing.unknownFields.length > 0) {
    emit(
      ctx,
      'silent',
      CLAUSE.streamField,
      'sse-unknown-field',
      `the stream uses SSE fields readers ignore: ${exchange.framing.unknownFields.join(', ')}`,
    );
  }
  judgeChunks(ctx, s.chunks);
  judgeMeaning(ctx, 'stream', s.chunks);
  const incomplete = s.lastFinish === undefined && !s.done;
  const cut = cutByTransport || (incomplete && s.errors.length === 0 && s.chunks.length > 0);
  // Cut by our own timer or Ctrl-C, the chunks we have are judged and what is missing is not-run; cut by
  // the peer, it contradicts the stream's documented end, and the end's own checks still run below.
  const localCut = cutByTransport && judgeLocalCut(ctx, exchange, CLAUSE.streamDone);
  if (cut && !localCut) judgeStreamCut(ctx, exchange, s);
  judgeStreamRules(ctx, s, localCut);
  if (!localCut) judgeFinishReason(ctx, s.lastFinish, s.lastFinish !== undefined, parser);
  if (terminator !== undefined && judgeable(ctx, CLAUSE.streamDone)) {
    if (s.done)
      emit(ctx, 'matches', CLAUSE.streamDone, 'stream-done', `the stream ended with \`${terminator}\``);
    else if (!cut) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamDone,
        'stream-no-done',
        `the stream ended without \`${terminator}\``,
        {
          expected: terminator,
        },
      );
    }
    if (s.afterDone > 0) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamDone,
        'data-after-done',
        `${s.afterDone} event(s) after \`${terminator}\``,
      );
    }
  }
  if (!localCut) judgeStreamUsage(ctx, s, parser, includeUsage);
  judgeStreamModel(ctx, s.chunks, requestedModel, parser);
  return parser;
}

/** The model every chunk names: the first against the requested one, and the same in every chunk. */
function judgeStreamModel(
  ctx: JudgeContext,
  chunks: readonly Record<string, unknown>[],
  requested: string,
  parser: ParserResult,
): void {
  const first = chunks[0];
  const field = values.string(ctx.contract, CLAUSE.modelField);
  if (!first || !field) return;
  judgeModelEcho(ctx, first, requested, parser);
  const named = [
    ...new Set(
      chunks.map((chunk) => resolvePath(chunk, field).values[0]).filter((v) => typeof v === 'string'),
    ),
  ];
  if (named.length > 1) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.modelId,
      'model-echo-changed',
      `the chunks of one stream name ${named.length} different models`,
      { expected: requested, observed: named.slice(0, 5) as JsonValue },
    );
  }
}
