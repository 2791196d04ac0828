/**
 * @module checks/traffic/judge
 * One captured exchange, judged by the probe's and the negative suite's own judges: a success on the chat
 * path as a completion or a stream (by the request's stream flag and the answer's media type), an error status
 * by the `errors.*` clause that documents it, a model-list answer by `request.model-id`. Pure.
 */
import type { Finding } from '../../classify/index.js';
import {
  type Area,
  CLAUSE,
  type Contract,
  clauseRef,
  type ErrorExpectation,
  statusMatches,
  values,
} from '../../contract/index.js';
import { type Exchange, extractRequestId, readSse, type StreamExchange } from '../../http/index.js';
import { CHECKS, type CheckSpec, modelValidatedInLedger } from '../../plan/index.js';
import { judgeError } from '../negative/index.js';
import {
  emit,
  type JudgeContext,
  judgeJson,
  judgeModelNotListed,
  judgeStream,
  PROBE_LITERAL,
  parseJson,
} from '../probe/index.js';
import { TRAFFIC_CHECK } from './codes.js';
import type { CapturedExchange } from './types.js';

/** Error clauses in the order ties are broken (the most specific reading of a status first). */
const ERROR_CLAUSES = [
  CLAUSE.invalidRequest,
  CLAUSE.invalidModel,
  CLAUSE.badAuth,
  CLAUSE.rateLimit,
  CLAUSE.upstreamFailure,
  CLAUSE.timeout,
  CLAUSE.invalidRequest5xx,
  CLAUSE.wrongPath,
];

/** What every exchange of one audit reads from the ledger, read once. */
export interface TrafficSetup {
  contract: Contract;
  chatPath: string | undefined;
  modelsPath: string | undefined;
  modelField: string | undefined;
  streamField: string | undefined;
  streamUsageDocumented: boolean;
  ledgerModel: string | undefined;
  ledgerValidated: boolean;
  requestIdFrom: string | undefined;
  errors: { id: string; expectation: ErrorExpectation }[];
  pending: { json: string[]; stream: string[]; error: string[] };
}

const judgesOf = (contract: Contract, id: CheckSpec['id']): string[] =>
  contract.missing(CHECKS.find((check) => check.id === id)?.judges ?? []);

export function trafficSetup(contract: Contract): TrafficSetup {
  const errors = ERROR_CLAUSES.flatMap((id) => {
    const expectation = values.errorExpectation(contract, id);
    return expectation ? [{ id, expectation }] : [];
  });
  return {
    contract,
    chatPath: values.string(contract, CLAUSE.chatPath),
    modelsPath: values.string(contract, CLAUSE.modelsPath),
    modelField: values.string(contract, CLAUSE.modelField),
    streamField: values.string(contract, CLAUSE.streamField),
    streamUsageDocumented: contract.known(CLAUSE.streamUsage) === true,
    ledgerModel: values.string(contract, CLAUSE.modelId),
    ledgerValidated: modelValidatedInLedger(contract),
    requestIdFrom: values.string(contract, CLAUSE.requestId),
    errors,
    pending: {
      json: judgesOf(contract, 'probe'),
      stream: judgesOf(contract, 'probe-stream'),
      error: judgesOf(contract, 'negative:invalid-key'),
    },
  };
}

/** What judging one exchange gave: its findings, the model its request named, the ids a model list named. */
export interface ExchangeJudgement {
  kind: 'chat' | 'models' | 'other';
  findings: Finding[];
  /** The exchange as judged (not redacted: the tally redacts what it keeps). */
  exchange?: Exchange;
  model?: string;
  listed?: string[];
}

function readPath(url: string): string {
  try {
    return new URL(url, 'http://capture.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return url.split('?')[0] ?? url;
  }
}

// A capture asks a handful of URLs over and over: each is read once (up to a bound, short URLs only).
const paths = new Map<string, string>();
function pathOf(url: string): string {
  let path = paths.get(url);
  if (path === undefined) {
    path = readPath(url);
    if (paths.size < 4096 && url.length <= 2048) paths.set(url, path);
  }
  return path;
}

const endsWithPath = (path: string, suffix: string | undefined): boolean =>
  suffix !== undefined && (path === suffix.replace(/\/+$/, '') || path.endsWith(suffix.replace(/\/+$/, '')));

/** The exchange as the judges read it: a captured answer that ended normally, with its request id. */
export function toExchange(setup: TrafficSetup, captured: CapturedExchange): Exchange {
  const { request, response } = captured;
  const exchange: Exchange = {
    startedAt: captured.startedAt ?? '',
    request: {
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    response: { status: response.status, headers: response.headers, body: response.body, truncated: false },
    timings: { totalMs: 0 },
    bodyEnd: 'complete',
  };
  const id = extractRequestId(setup.requestIdFrom, response.headers, response.body);
  if (id !== undefined) exchange.requestId = id;
  return exchange;
}

/** The documented error clause an error status answers to: status first, then the body's code and type. */
function errorClause(
  setup: TrafficSetup,
  status: number,
  body: string,
): { id: string; expectation: ErrorExpectation } | undefined {
  const candidates = setup.errors.filter((e) => statusMatches(e.expectation.status, status));
  if (candidates.length <= 1) return candidates[0];
  const parsed = parseJson(body);
  const inner =
    parsed.ok && parsed.value !== null && typeof parsed.value === 'object'
      ? (Object.values(parsed.value as Record<string, unknown>)[0] as Record<string, unknown> | undefined)
      : undefined;
  const code = inner && typeof inner === 'object' ? inner.code : undefined;
  const type = inner && typeof inner === 'object' ? inner.type : undefined;
  let best = candidates[0];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const candidate of candidates) {
    const { expectation } = candidate;
    let score = 0;
    if (expectation.code !== undefined) score += expectation.code === code ? 2 : -1;
    if (expectation.type !== undefined) score += expectation.type === type ? 1 : 0;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** What the judges read from a chat request: the model it names, and whether it asks for a stream with usage. */
export function requestFields(
  setup: TrafficSetup,
  body: string | undefined,
): { model: string | undefined; stream: boolean; includeUsage: boolean } {
  const parsed = body === undefined ? undefined : parseJson(body);
  const value =
    parsed?.ok && parsed.value !== null && typeof parsed.value === 'object'
      ? (parsed.value as Record<string, unknown>)
      : undefined;
  const model =
    setup.modelField && typeof value?.[setup.modelField] === 'string'
      ? (value[setup.modelField] as string)
      : undefined;
  const stream = setup.streamField !== undefined && value?.[setup.streamField] === true;
  const options = value?.stream_options;
  const includeUsage =
    options !== null &&
    typeof options === 'object' &&
    (options as Record<string, unknown>).include_usage === true;
  return { model, stream, includeUsage };
}

/** Model ids a model-list answer names (every string `id`, whatever the list's shape). */
function listedIds(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) listedIds(item, out, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'id' && typeof item === 'string') out.add(item);
    else listedIds(item, out, depth + 1);
  }
}

function context(
  setup: TrafficSetup,
  area: Area,
  exchange: Exchange,
  pending: string[],
  findings: Finding[],
): JudgeContext {
  const evidence =
    exchange.requestId === undefined ? { exchange } : { exchange, requestId: exchange.requestId };
  const ctx: JudgeContext = {
    contract: setup.contract,
    check: TRAFFIC_CHECK,
    area,
    evidence,
    pendingJudges: pending,
    findings,
  };
  // The capture's own time, when it records one: timestamps in the answer are judged against it, as the
  // probe judges them against the time it sent the request. Without one, only their unit is judged.
  const clockMs = Date.parse(exchange.startedAt);
  if (Number.isFinite(clockMs)) ctx.clockMs = clockMs;
  return ctx;
}

/** Which endpoint a captured request went to, by its path. */
export function routeOf(setup: TrafficSetup, captured: CapturedExchange): ExchangeJudgement['kind'] {
  const path = pathOf(captured.request.url);
  if (endsWithPath(path, setup.chatPath)) return 'chat';
  return endsWithPath(path, setup.modelsPath) ? 'models' : 'other';
}

/** A chat success is judged as a stream when the request asked for one or the answer is an event stream. */
export const answeredAsStream = (stream: boolean, contentType: string): boolean =>
  stream || contentType.includes('text/event-stream');

/** Judges one captured exchange. */
export function judgeExchange(setup: TrafficSetup, captured: CapturedExchange): ExchangeJudgement {
  const route = routeOf(setup, captured);
  const onChat = route === 'chat';
  const onModels = route === 'models';
  if (!onChat && !onModels) return { kind: 'other', findings: [] };
  const exchange = toExchange(setup, captured);
  const findings: Finding[] = [];
  const { status, body, headers } = captured.response;
  const success = status >= 200 && status < 300;
  const fields = onChat
    ? requestFields(setup, captured.request.body)
    : { model: undefined, stream: false, includeUsage: false };
  const out: ExchangeJudgement = { kind: onChat ? 'chat' : 'models', findings, exchange };
  if (fields.model !== undefined) out.model = fields.model;
  if (!success) {
    const ctx = context(setup, 'errors', exchange, setup.pending.error, findings);
    const documented = errorClause(setup, status, body);
    if (documented) judgeError(ctx, clauseRef(documented.id), documented.expectation, exchange);
    else {
      emit(ctx, 'silent', null, 'status-undocumented', `status ${status}, which no errors clause documents`, {
        observed: { status },
      });
    }
    return out;
  }
  if (onModels) {
    const ctx = context(setup, 'request', exchange, [], findings);
    const parsed = parseJson(body);
    const ids = new Set<string>();
    if (parsed.ok) listedIds(parsed.value, ids);
    out.listed = [...ids];
    const model = setup.ledgerModel;
    if (model !== undefined) {
      if (ids.has(model)) {
        emit(
          ctx,
          'matches',
          CLAUSE.modelId,
          'model-listed',
          `model \`${model}\` is listed by the model-list endpoint`,
          {
            observed: model,
          },
        );
      } else {
        judgeModelNotListed(
          ctx,
          model,
          parsed.ok ? 'listed models do not include it' : 'model list is not JSON',
          setup.ledgerValidated,
        );
      }
    }
    return out;
  }
  const requested = fields.model ?? setup.ledgerModel ?? '';
  const type = headers['content-type'] ?? '';
  if (answeredAsStream(fields.stream, type)) {
    const ctx = context(setup, 'response', exchange, setup.pending.stream, findings);
    const { events, framing } = readSse(body);
    const stream: StreamExchange = { ...exchange, events, framing, bodyEnd: 'complete' };
    judgeStream(ctx, stream, requested, fields.includeUsage && setup.streamUsageDocumented);
  } else {
    const ctx = context(setup, 'response', exchange, setup.pending.json, findings);
    judgeJson(ctx, exchange, requested, PROBE_LITERAL);
  }
  return out;
}
