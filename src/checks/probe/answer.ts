/**
 * @module checks/probe/answer
 * The probe's judges as pure functions over one captured answer: a contract, the request, and the response's
 * status, headers and body in; findings and what the parser made of it out. The probe, the corpus tests and
 * the traffic audit all judge answers through here. No I/O, no clock.
 */
import type { CheckName, Finding } from '../../classify/index.js';
import type { Area, Contract } from '../../contract/index.js';
import { type BodyEnd, type Exchange, readSse, type StreamExchange } from '../../http/index.js';
import type { ParserResult } from './judge-body.js';
import { judgeJson } from './judge-json.js';
import { judgeStream, type StreamSummary } from './judge-stream.js';
import type { JudgeContext } from './judging.js';
import { PROBE_LITERAL } from './request.js';

export interface CapturedAnswer {
  /** `json` for a completion, `stream` for server-sent events. */
  kind: 'json' | 'stream';
  request: { method?: string; url: string; headers?: Record<string, string>; body?: string };
  response: { status: number; headers: Record<string, string>; body: string };
  /** The model the request asked for (the echo is judged against it); read from the request body when absent. */
  requestedModel?: string;
  /** Whether the request asked for the stream's usage chunk; read from the request body when absent. */
  includeUsage?: boolean;
  /** How the body read ended; `complete` unless the capture says otherwise. */
  bodyEnd?: BodyEnd;
  /** When the request was sent (ISO time); timestamps in the answer are judged against it when given. */
  startedAt?: string;
  check?: CheckName;
  area?: Area;
  /** The probe's literal, when the request was the contract probe. */
  literal?: string;
}

export interface JudgedAnswer {
  findings: Finding[];
  parser: ParserResult & { stream?: StreamSummary };
}

function requestBody(answer: CapturedAnswer): Record<string, unknown> {
  try {
    const parsed = JSON.parse(answer.request.body ?? '');
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Judges one captured chat answer against the contract. Headers are matched in lower case. */
export function judgeChatAnswer(contract: Contract, answer: CapturedAnswer): JudgedAnswer {
  const headers = Object.fromEntries(
    Object.entries(answer.response.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const body = requestBody(answer);
  const exchange: Exchange = {
    startedAt: answer.startedAt ?? '1970-01-01T00:00:00.000Z',
    request: {
      method: answer.request.method ?? 'POST',
      url: answer.request.url,
      headers: answer.request.headers ?? {},
      ...(answer.request.body !== undefined ? { body: answer.request.body } : {}),
    },
    response: { status: answer.response.status, headers, body: answer.response.body, truncated: false },
    timings: { totalMs: 0 },
    bodyEnd: answer.bodyEnd ?? 'complete',
  };
  const findings: Finding[] = [];
  const ctx: JudgeContext = {
    contract,
    check: answer.check ?? (answer.kind === 'stream' ? 'probe-stream' : 'probe'),
    area: answer.area ?? 'response',
    evidence: {},
    pendingJudges: [],
    findings,
    ...(answer.startedAt !== undefined ? { clockMs: Date.parse(answer.startedAt) } : {}),
  };
  const model = answer.requestedModel ?? (typeof body.model === 'string' ? body.model : '');
  if (answer.kind === 'json') {
    return { findings, parser: judgeJson(ctx, exchange, model, answer.literal ?? PROBE_LITERAL) };
  }
  const options = body.stream_options as { include_usage?: unknown } | undefined;
  const includeUsage = answer.includeUsage ?? options?.include_usage === true;
  const { events, framing } = readSse(answer.response.body);
  const stream: StreamExchange = { ...exchange, events, framing, bodyEnd: exchange.bodyEnd ?? 'complete' };
  return { findings, parser: judgeStream(ctx, stream, model, includeUsage) };
}
