/**
 * @module checks/probe/judge-stream
 * The streaming probe's answer, judged: framing, each chunk's shape (and the chunk schema when the
 * `response.stream-done` clause carries one), in-band error events, the terminator, the final completion
 * status, the usage chunk when documented, and a cut stream. Pure over the redacted stream exchange.
 */
import { CLAUSE, type JsonValue, read, values } from '../../contract/index.js';
import type { SseFraming, StreamExchange } from '../../http/index.js';
import { judgeFinishReason, judgeModelEcho, judgeUsage, type ParserResult } from './judge-body.js';
import { chunkPresence, documentedPaths, judgeSchema } from './judge-fields.js';
import { isErrorEnvelope } from './judge-json.js';
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

interface Scan {
  chunks: Record<string, unknown>[];
  done: boolean;
  afterDone: number;
  errors: string[];
  notJson: string[];
  lastFinish: unknown;
  usageChunk?: Record<string, unknown>;
  /** The last chunk whose usage is null, and its position (it counts only after the final status). */
  nullUsageChunk?: Record<string, unknown>;
  nullUsageAt: number;
  lastFinishAt: number;
}

function scan(ctx: JudgeContext, exchange: StreamExchange, terminator: string | undefined): Scan {
  const s: Scan = {
    chunks: [],
    done: false,
    afterDone: 0,
    errors: [],
    notJson: [],
    lastFinish: undefined,
    nullUsageAt: -1,
    lastFinishAt: -1,
  };
  const finishPath = values.string(ctx.contract, CLAUSE.finishReasonPath);
  const usageField = values.strings(ctx.contract, CLAUSE.usageFields)?.[0];
  for (const event of exchange.events) {
    if (s.done) s.afterDone += 1;
    if (terminator !== undefined && event.data === terminator) {
      s.done = true;
      continue;
    }
    const parsed = parseJson(event.data);
    if (event.event === 'error' || (parsed.ok && isErrorEnvelope(ctx, parsed.value))) {
      s.errors.push(event.data.slice(0, 300));
      continue;
    }
    if (
      !parsed.ok ||
      parsed.value === null ||
      typeof parsed.value !== 'object' ||
      Array.isArray(parsed.value)
    ) {
      s.notJson.push(event.data.slice(0, 120));
      continue;
    }
    const chunk = parsed.value as Record<string, unknown>;
    s.chunks.push(chunk);
    if (finishPath) {
      const finish = resolvePath(chunk, finishPath).values[0];
      if (finish !== null && finish !== undefined) {
        s.lastFinish = finish;
        s.lastFinishAt = s.chunks.length - 1;
      }
    }
    if (usageField) {
      const usage = resolvePath(chunk, usageField);
      if (usage.values.some((v) => v !== null)) s.usageChunk = chunk;
      else if (usage.values.length > 0 || usage.stops.some((stop) => stop.kind === 'null')) {
        s.nullUsageChunk = chunk;
        s.nullUsageAt = s.chunks.length - 1;
      }
    }
  }
  return s;
}

/** Judges a stream answer; returns the parser result and a summary of the stream. Every check runs. */
export function judgeStream(
  ctx: JudgeContext,
  exchange: StreamExchange,
  requestedModel: string,
  includeUsage: boolean,
): ParserResult & { stream?: StreamSummary } {
  const parser: ParserResult & { stream?: StreamSummary } = { parsed: false };
  if (judgeTransport(ctx, exchange) || judgeRateLimit(ctx, exchange) || judgeSuccessStatus(ctx, exchange)) {
    return parser;
  }
  const type = exchange.response?.headers['content-type'] ?? '';
  if (!type.includes('text/event-stream')) {
    const body = parseJson(exchange.response?.body ?? '');
    const envelope = body.ok && isErrorEnvelope(ctx, body.value);
    emit(
      ctx,
      'contradicts',
      envelope ? CLAUSE.errorEnvelope : CLAUSE.streamField,
      envelope ? 'error-body-on-success' : 'stream-content-type',
      envelope
        ? 'a stream request got an error envelope with a success status'
        : `a stream request got \`${type || 'no content-type'}\`, not text/event-stream`,
      {
        expected: 'text/event-stream',
        observed: type,
      },
    );
    // Judge what arrived as a stream all the same, so a wrong media type never hides what else is wrong;
    // a body with no event in it has nothing more to judge.
    if (envelope || !exchange.events.some((event) => event.data !== '')) return parser;
  }
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
  const first = s.chunks[0];
  if (first) judgeModelEcho(ctx, first, requestedModel, parser);
  return parser;
}

/** What `response.stream-rules` states about ids, the final chunk and the usage chunk. */
function judgeStreamRules(ctx: JudgeContext, s: Scan, localCut: boolean): void {
  if (s.chunks.length === 0 || !judgeable(ctx, CLAUSE.streamRules)) return;
  const rules = read(ctx.contract, CLAUSE.streamRules);
  if (!rules) return;
  const idPath = values.string(ctx.contract, CLAUSE.idField) ?? 'id';
  if (rules.sameId) {
    const ids = [
      ...new Set(
        s.chunks.map((chunk) => resolvePath(chunk, idPath).values[0]).filter((v) => v !== undefined),
      ),
    ];
    if (ids.length <= 1)
      emit(ctx, 'matches', CLAUSE.streamRules, 'stream-id-stable', 'every chunk carries the same id');
    else {
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamRules,
        'stream-id-changed',
        `chunk ids change within one stream (${ids.length} distinct ids)`,
        {
          expected: 'one id for every chunk',
          observed: ids.slice(0, 5) as JsonValue,
        },
      );
    }
  }
  // A stream our own timer cut never showed its end: whether every choice finished is not observable.
  if (rules.finalFinishReason && !localCut) {
    // Every choice the stream opened must be closed by a chunk with its completion status.
    const open = new Map<unknown, boolean>();
    for (const chunk of s.chunks) {
      const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
      for (const choice of choices) {
        if (choice === null || typeof choice !== 'object') continue;
        const c = choice as Record<string, unknown>;
        const index = c.index ?? 0;
        if (!open.has(index)) open.set(index, false);
        if (c.finish_reason !== null && c.finish_reason !== undefined) open.set(index, true);
      }
    }
    const unfinished = [...open].filter(([, done]) => !done).map(([index]) => index);
    if (open.size > 0 && unfinished.length === 0)
      emit(
        ctx,
        'matches',
        CLAUSE.streamRules,
        'stream-choices-finished',
        `each of the ${open.size} choice(s) ends with a completion status`,
      );
    else if (unfinished.length > 0) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamRules,
        'stream-choice-unfinished',
        `choice(s) ${unfinished.join(', ')} never received a completion status`,
        {
          observed: unfinished as JsonValue,
        },
      );
    }
  }
  if (rules.usageChunkNoChoices && s.usageChunk) {
    const choices = s.usageChunk.choices;
    if (Array.isArray(choices) && choices.length === 0)
      emit(
        ctx,
        'matches',
        CLAUSE.streamRules,
        'stream-usage-chunk-shape',
        'the usage chunk has `choices: []`, as documented',
      );
    else {
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamRules,
        'stream-usage-chunk-shape',
        'the usage chunk carries choices; the documents say they are empty',
        {
          expected: [],
          observed: (choices ?? null) as JsonValue,
        },
      );
    }
  }
}

function judgeChunks(ctx: JudgeContext, chunks: Record<string, unknown>[]): void {
  const idPath = values.string(ctx.contract, CLAUSE.idField);
  if (idPath && judgeable(ctx, CLAUSE.idField) && chunks.length > 0) {
    const missing = chunks.filter((chunk) => typeof resolvePath(chunk, idPath).values[0] !== 'string').length;
    if (missing > 0) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.idField,
        'chunk-id-missing',
        `${missing} of ${chunks.length} chunks have no id at \`${idPath}\``,
      );
    } else emit(ctx, 'matches', CLAUSE.idField, 'chunk-id-present', `every chunk has an id at \`${idPath}\``);
  }
  if (judgeable(ctx, CLAUSE.responseFields)) {
    if (ctx.contract.clause(CLAUSE.streamDone)?.schema) judgeChunkPresence(ctx, chunks);
    else {
      // Chunks differ from the JSON body below the top level (`delta` for `message`); compare top-level keys.
      const top = new Set([...documentedPaths(ctx)].map((path) => path.split(/[.[]/)[0] ?? path));
      const extra = new Set<string>();
      for (const chunk of chunks) for (const key of Object.keys(chunk)) if (!top.has(key)) extra.add(key);
      for (const key of extra) undocumentedChunkField(ctx, key);
    }
  }
  if (ctx.contract.clause(CLAUSE.streamDone)?.schema) {
    const before = ctx.findings.length;
    for (const chunk of chunks) {
      judgeSchema(ctx, CLAUSE.streamDone, chunk, 'chunk-schema-violation', 'chunk');
      if (ctx.findings.length - before > 20) break;
    }
    // One "valid" finding for the whole stream rather than one per chunk.
    const added = ctx.findings.splice(before);
    const violations = added.filter((f) => f.code !== 'chunk-schema-valid');
    const seen = new Set<string>();
    for (const finding of violations) {
      if (seen.has(finding.message)) continue;
      seen.add(finding.message);
      ctx.findings.push(finding);
    }
    if (violations.length === 0 && added.length > 0) ctx.findings.push(added[0] as (typeof added)[number]);
  }
}

function undocumentedChunkField(ctx: JudgeContext, key: string): void {
  emit(
    ctx,
    'silent',
    CLAUSE.responseFields,
    'chunk-field-undocumented',
    `stream chunks carry \`${key}\`, which no clause documents (observed, not contracted)`,
    {
      observed: key,
    },
  );
}

/** Presence in every chunk, under the chunk schema: each undocumented or required-and-absent field once. */
function judgeChunkPresence(ctx: JudgeContext, chunks: Record<string, unknown>[]): void {
  const undocumented = new Set<string>();
  const missing = new Map<string, number>();
  for (const chunk of chunks) {
    const presence = chunkPresence(ctx, chunk);
    for (const path of presence.undocumented) undocumented.add(path);
    for (const absent of presence.absent)
      if (absent.presence === 'required') missing.set(absent.path, (missing.get(absent.path) ?? 0) + 1);
  }
  for (const path of undocumented) undocumentedChunkField(ctx, path);
  for (const [path, count] of missing) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.streamDone,
      'chunk-field-missing',
      `\`${path}\` is missing from ${count} of ${chunks.length} chunks; the chunk schema marks it required`,
      {
        expected: path,
        observed: { chunks: count },
      },
    );
  }
}

function judgeStreamUsage(ctx: JudgeContext, s: Scan, parser: ParserResult, includeUsage: boolean): void {
  if (!judgeable(ctx, CLAUSE.streamUsage)) return;
  if (includeUsage) {
    // Intermediate chunks may carry `usage: null` (OpenAI does); only a null after the final status is the
    // usage chunk itself arriving empty.
    if (s.usageChunk) judgeUsage(ctx, s.usageChunk, parser, 'stream-usage', chunkPresence(ctx, s.usageChunk));
    else if (s.nullUsageChunk && s.nullUsageAt > s.lastFinishAt) {
      // The chunk after the final status is the documented usage chunk, arriving with `usage: null`.
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamUsage,
        'stream-usage-null',
        'the documented usage chunk arrived with `usage: null`',
        {
          expected: 'a final chunk with usage',
          observed: s.nullUsageChunk as unknown as JsonValue,
        },
      );
    } else {
      emit(
        ctx,
        'contradicts',
        CLAUSE.streamUsage,
        'stream-usage-missing',
        'the documented usage chunk did not arrive',
        {
          expected: 'a final chunk with usage',
        },
      );
    }
    return;
  }
  if (s.usageChunk) {
    emit(
      ctx,
      'silent',
      CLAUSE.streamUsage,
      'stream-usage-undocumented',
      'the stream sent usage the ledger does not document for streams',
      {
        observed: s.usageChunk as unknown as JsonValue,
      },
    );
  }
}

/** A stream the peer cut before its documented end. */
function judgeStreamCut(ctx: JudgeContext, exchange: StreamExchange, s: Scan): void {
  emit(
    ctx,
    'contradicts',
    CLAUSE.streamDone,
    'stream-cut',
    `the stream ended before it was complete (${exchange.bodyEnd}${exchange.framing.incomplete ? ', mid-event' : ''}; ${s.lastFinish === undefined ? 'no completion status' : 'completion status seen'}; ${s.done ? 'terminator seen' : 'no terminator'})`,
    {
      observed: { bodyEnd: exchange.bodyEnd, chunks: s.chunks.length, done: s.done },
    },
  );
}
