/**
 * @module checks/traffic/generate-exchange
 * One generated exchange (request and answer) for a conforming record or a planted drift. The answers are
 * tables, one row per status or drift; the order of random draws is part of the seed's contract.
 */
import { gzipSync } from 'node:zlib';
import type { Random } from '../../simulator/index.js';
import { hex } from '../../simulator/random.js';
import {
  type Answer,
  BASE,
  chatRequest,
  completion,
  errorAnswer,
  jsonHeaders,
  OTHER_MODEL,
  type Side,
  streamBody,
} from './generate-bodies.js';
import { type Drift, GENERATED_MODEL, type GenerateOptions, type Kind } from './generate-plan.js';

export interface Exchange {
  request: Side;
  response: Answer;
}

type ErrorRow = [status: number, type: string, code: string | null, message: string];

/** Documented error answers of conforming traffic, by the random draw's upper bound (JSON answers below 0.85). */
const CONFORMING_ERRORS: [below: number, row: ErrorRow][] = [
  [0.85, [400, 'invalid_request_error', null, "Invalid value for 'temperature': expected at most 2."]],
  [0.89, [401, 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.']],
  [0.92, [404, 'invalid_request_error', 'model_not_found', 'The model does not exist.']],
  [0.97, [429, 'requests', 'rate_limit_exceeded', 'Rate limit reached for requests.']],
  [1, [503, 'server_error', null, 'The server is overloaded.']],
];

/** Drifts answered with a completion: its model, finish reason, and whether usage is left out. */
const COMPLETION_DRIFTS: Partial<Record<Drift, [model: string, finish: string, drop?: 'usage']>> = {
  'usage-missing': [GENERATED_MODEL, 'stop', 'usage'],
  'new-finish-reason': [GENERATED_MODEL, 'max_output'],
  'model-echo-different': ['gpt-3.5-turbo', 'stop'],
  'model-undocumented': [OTHER_MODEL, 'stop'],
};

/** Drifts answered with a stream: whether the request asks for usage, how it ends, whether usage comes. */
const STREAM_DRIFTS: Partial<
  Record<Drift, [includeUsage: boolean, end: 'no-done' | 'cut' | 'done', usage: boolean]>
> = {
  'stream-no-done': [false, 'no-done', false],
  'stream-cut': [false, 'cut', false],
  'stream-usage-missing': [true, 'done', false],
};

/** Drifts answered with an error envelope, and whether it carries a request id. */
const ERROR_DRIFTS: Partial<Record<Drift, [row: ErrorRow, requestId: boolean]>> = {
  'error-body-on-success': [[200, 'server_error', null, 'upstream failed'], true],
  'request-id-missing': [[503, 'server_error', null, 'The server is overloaded.'], false],
  'status-undocumented': [[418, 'invalid_request_error', null, "I'm a teapot"], true],
};

export function exchange(kind: Kind, random: Random, options: GenerateOptions): Exchange {
  const key = options.key ?? 'Zt7qW2mXk9Lp4RvB8nC3dF6h';
  const chat = (stream = false, includeUsage = false, model = GENERATED_MODEL) =>
    chatRequest(random, key, model, stream, includeUsage);
  const json = (body: unknown): Answer => ({
    status: 200,
    headers: jsonHeaders(random),
    body: JSON.stringify(body),
  });
  const sse = (body: string): Answer => ({
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-request-id': `req_${hex(random, 24)}` },
    body,
  });
  const error = ([status, type, code, message]: ErrorRow, requestId = true) =>
    errorAnswer(random, status, type, code, message, requestId);
  if ('conforming' in kind) {
    if (kind.conforming === -1) {
      return {
        request: {
          method: 'GET',
          url: `${BASE}/models?key=${key}`,
          headers: { authorization: `Bearer ${key}` },
        },
        response: json({
          object: 'list',
          data: [GENERATED_MODEL, OTHER_MODEL].map((id) => ({
            id,
            object: 'model',
            created: 1715367049,
            owned_by: 'system',
          })),
        }),
      };
    }
    const r = random();
    if (r < 0.45) {
      const answer = json(completion(random, GENERATED_MODEL));
      if (options.gzipShare && random() < options.gzipShare) {
        answer.body = gzipSync(answer.body).toString('base64');
        answer.bodyEncoding = 'base64';
        answer.headers['content-encoding'] = 'gzip';
      }
      return { request: chat(), response: answer };
    }
    if (r < 0.75) {
      const usage = r < 0.65;
      return {
        request: chat(true, usage),
        response: sse(streamBody(random, GENERATED_MODEL, usage, 'done')),
      };
    }
    const row = (CONFORMING_ERRORS.find(([below]) => r < below) ?? CONFORMING_ERRORS[0])?.[1] as ErrorRow;
    if (row[0] === 429) {
      // The answer is drawn before the request here, as the seed's bytes have always had it.
      const answer = error(row);
      answer.headers['retry-after'] = '2';
      return { request: chat(), response: answer };
    }
    return { request: chat(), response: error(row) };
  }
  if ('drift' in kind) {
    const drift = kind.drift;
    const asCompletion = COMPLETION_DRIFTS[drift];
    if (asCompletion) {
      const [model, finish, drop] = asCompletion;
      return {
        request: chat(false, false, model === OTHER_MODEL ? model : GENERATED_MODEL),
        response: json(completion(random, model, finish, drop)),
      };
    }
    const asStream = STREAM_DRIFTS[drift];
    if (asStream) {
      const [includeUsage, end, usage] = asStream;
      return {
        request: chat(true, includeUsage),
        response: sse(streamBody(random, GENERATED_MODEL, includeUsage, end, usage)),
      };
    }
    const asError = ERROR_DRIFTS[drift];
    if (asError) return { request: chat(), response: error(...asError) };
    if (drift === 'extra-field')
      return {
        request: chat(),
        response: json({ ...completion(random, GENERATED_MODEL), x_gateway_trace: hex(random, 16) }),
      };
    if (drift === 'envelope-missing')
      return {
        request: chat(),
        response: {
          status: 400,
          headers: jsonHeaders(random),
          body: JSON.stringify({ message: 'bad request' }),
        },
      };
  }
  throw new Error('unreachable');
}
