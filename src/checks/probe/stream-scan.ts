/**
 * @module checks/probe/stream-scan
 * One pass over a stream's events: the chunks, the terminator, in-band errors, events that are not JSON, the
 * last completion status, and the usage chunk. Pure.
 */
import { CLAUSE, values } from '../../contract/index.js';
import type { StreamExchange } from '../../http/index.js';
import { isErrorEnvelope } from './judge-json.js';
import type { JudgeContext } from './judging.js';
import { resolvePath } from './paths.js';
import { parseJson } from './tokens.js';

/** What one pass over the events found. */
export interface Scan {
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

export function scan(ctx: JudgeContext, exchange: StreamExchange, terminator: string | undefined): Scan {
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
