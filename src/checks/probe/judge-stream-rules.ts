/**
 * @module checks/probe/judge-stream-rules
 * What the documents say about a whole stream, each judged on its own so one problem never hides another:
 * `response.stream-rules` (one id, every choice finished, the usage chunk's shape), the usage chunk of
 * `response.stream-usage`, and a stream the peer cut. Pure.
 */
import { CLAUSE, type JsonValue, read, values } from '../../contract/index.js';
import type { StreamExchange } from '../../http/index.js';
import { judgeUsage, type ParserResult } from './judge-body.js';
import { chunkPresence } from './judge-fields.js';
import { emit, type JudgeContext, judgeable, notStated } from './judging.js';
import { resolvePath } from './paths.js';
import type { Scan } from './stream-scan.js';

/** What `response.stream-rules` states about ids, the final chunk and the usage chunk. */
export function judgeStreamRules(ctx: JudgeContext, s: Scan, localCut: boolean): void {
  if (s.chunks.length === 0 || !judgeable(ctx, CLAUSE.streamRules)) return;
  const rules = read(ctx.contract, CLAUSE.streamRules);
  if (!rules) return;
  const unsaid = (['sameId', 'finalFinishReason', 'usageChunkNoChoices'] as const).filter(
    (rule) => !rules[rule],
  );
  if (unsaid.length > 0)
    notStated(ctx, CLAUSE.streamRules, `a stream's ${unsaid.map((r) => `\`${r}\``).join(', ')}`);
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

export function judgeStreamUsage(
  ctx: JudgeContext,
  s: Scan,
  parser: ParserResult,
  includeUsage: boolean,
): void {
  if (!judgeable(ctx, CLAUSE.streamUsage)) return;
  if (includeUsage) {
    // Intermediate chunks may carry `usage: null` (OpenAI does); only a null after the final status (or, in a
    // stream that never gave one, in a chunk without choices) is the usage chunk itself arriving empty.
    const nullChunk = s.nullUsageChunk;
    const noChoices = Array.isArray(nullChunk?.choices) && nullChunk.choices.length === 0;
    const afterFinal = s.lastFinishAt >= 0 ? s.nullUsageAt > s.lastFinishAt : noChoices;
    if (s.usageChunk) judgeUsage(ctx, s.usageChunk, parser, 'stream-usage', chunkPresence(ctx, s.usageChunk));
    else if (nullChunk && afterFinal) {
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
export function judgeStreamCut(ctx: JudgeContext, exchange: StreamExchange, s: Scan): void {
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
