/**
 * @module checks/traffic/generate
 * A seeded generator of captures in the `openai` simulator profile's contract: conforming exchanges (JSON and
 * streamed completions, documented errors, model lists) with planted drifts and malformed records at exact
 * counts, as JSON Lines or HAR. Tests and the benchmark use it; the same seed gives the same bytes.
 */
import { gzipSync } from 'node:zlib';
import type { FindingClass } from '../../classify/index.js';
import { type Random, seededRandom } from '../../simulator/index.js';
import type { TrafficCode } from './codes.js';

function hex(random: Random, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** The model the `openai` profile ledger names. */
export const GENERATED_MODEL = 'gpt-4o-mini';
const OTHER_MODEL = 'gpt-4o';
const BASE = 'https://api.openai.example/v1';

/** Each planted drift and the finding (class, clause, code) it must produce, once per exchange. */
export const PLANTED = {
  // `usage` is optional in OpenAI's document and the ledger's parser reads it: documented, not handled.
  'usage-missing': {
    class: 'documented-not-handled',
    clause: 'response.usage-fields',
    code: 'usage-missing',
  },
  'extra-field': { class: 'observed-not-documented', clause: 'response.fields', code: 'field-undocumented' },
  'new-finish-reason': {
    class: 'unexpected',
    clause: 'response.finish-reasons',
    code: 'finish-reason-undocumented',
  },
  'model-echo-different': { class: 'unexpected', clause: 'request.model-id', code: 'model-echo-different' },
  'error-body-on-success': { class: 'unexpected', clause: 'errors.envelope', code: 'error-body-on-success' },
  'stream-no-done': { class: 'unexpected', clause: 'response.stream-done', code: 'stream-no-done' },
  'stream-cut': { class: 'unexpected', clause: 'response.stream-done', code: 'stream-cut' },
  'stream-usage-missing': {
    class: 'unexpected',
    clause: 'response.stream-usage',
    code: 'stream-usage-missing',
  },
  'envelope-missing': { class: 'unexpected', clause: 'errors.envelope', code: 'envelope-missing' },
  'request-id-missing': { class: 'unexpected', clause: 'errors.request-id', code: 'request-id-missing' },
  'status-undocumented': { class: 'observed-not-documented', clause: null, code: 'status-undocumented' },
  'model-undocumented': {
    class: 'observed-not-documented',
    clause: 'request.model-id',
    code: 'model-undocumented',
  },
} as const satisfies Record<string, { class: FindingClass; clause: string | null; code: TrafficCode }>;
export type Drift = keyof typeof PLANTED;

/** Malformed records, each counted under its skip reason. */
export const MALFORMED = [
  'blank',
  'truncated',
  'invalid-json',
  'not-utf8',
  'not-a-record',
  'no-response',
  'binary-body',
  'undecodable-body',
  'too-large',
] as const;
export type Malformed = (typeof MALFORMED)[number];

export interface GenerateOptions {
  seed: number;
  /** Conforming exchanges. */
  conforming: number;
  drifts?: Partial<Record<Drift, number>>;
  malformed?: Partial<Record<Malformed, number>>;
  /** The key every request carries (auth header, cookie and `?key=`); not shaped like any known prefix. */
  key?: string;
  /** `too-large` records are made larger than this. */
  maxRecordBytes?: number;
  /** Compress JSON answers with gzip (base64 bodies with `content-encoding: gzip`) at this share (0..1). */
  gzipShare?: number;
}

type Kind = { conforming: number } | { drift: Drift } | { malformed: Malformed };

interface Side {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyEncoding?: 'base64';
}
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyEncoding?: 'base64';
}

const WORDS =
  'the contract holds answer stream token review ledger evidence probe offline stable reply chunk source field usage model done'.split(
    ' ',
  );

function words(random: Random, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function plan(options: GenerateOptions, random: Random): Kind[] {
  const kinds: Kind[] = [];
  for (let i = 0; i < options.conforming; i++) kinds.push({ conforming: i });
  for (const [drift, n] of Object.entries(options.drifts ?? {}))
    for (let i = 0; i < (n ?? 0); i++) kinds.push({ drift: drift as Drift });
  for (const [reason, n] of Object.entries(options.malformed ?? {}))
    for (let i = 0; i < (n ?? 0); i++) kinds.push({ malformed: reason as Malformed });
  // The first record lists the models, so every model the capture uses can be validated from the capture.
  return [{ conforming: -1 }, ...shuffle(kinds, random)];
}

function completion(random: Random, model: string, finish = 'stop', drop?: 'usage'): Record<string, unknown> {
  const content = words(random, 3 + Math.floor(random() * 20));
  const prompt = 10 + Math.floor(random() * 200);
  const completionTokens = content.split(' ').length;
  const body: Record<string, unknown> = {
    id: `chatcmpl-${hex(random, 24)}`,
    object: 'chat.completion',
    created: 1764460800 + Math.floor(random() * 86400),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: finish,
      },
    ],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
    },
    service_tier: 'default',
    system_fingerprint: 'fp_generated',
  };
  if (drop === 'usage') delete body.usage;
  return body;
}

function streamBody(
  random: Random,
  model: string,
  usage: boolean,
  end: 'done' | 'no-done' | 'cut',
  usageChunk = usage,
): string {
  const id = `chatcmpl-${hex(random, 24)}`;
  const created = 1764460800 + Math.floor(random() * 86400);
  const head = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_generated' };
  const chunk = (delta: unknown, finish: string | null) =>
    `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(usage ? { usage: null } : {}) })}\n\n`;
  const pieces = words(random, 3 + Math.floor(random() * 12)).split(' ');
  let out = chunk({ role: 'assistant', content: '', refusal: null }, null);
  for (const [i, piece] of pieces.entries()) out += chunk({ content: i === 0 ? piece : ` ${piece}` }, null);
  if (end === 'cut') return out;
  out += chunk({}, 'stop');
  if (usageChunk) {
    const prompt = 10 + Math.floor(random() * 200);
    out += `data: ${JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: prompt, completion_tokens: pieces.length, total_tokens: prompt + pieces.length } })}\n\n`;
  }
  if (end === 'done') out += 'data: [DONE]\n\n';
  return out;
}

function errorAnswer(
  random: Random,
  status: number,
  type: string,
  code: string | null,
  message: string,
  requestId = true,
): Answer {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (requestId) headers['x-request-id'] = `req_${hex(random, 24)}`;
  return { status, headers, body: JSON.stringify({ error: { message, type, param: null, code } }) };
}

const jsonHeaders = (random: Random): Record<string, string> => ({
  'content-type': 'application/json',
  'x-request-id': `req_${hex(random, 24)}`,
});

function chatRequest(
  random: Random,
  key: string,
  model: string,
  stream: boolean,
  includeUsage: boolean,
): Side {
  const messages = [
    { role: 'system', content: words(random, 8 + Math.floor(random() * 20)) },
    { role: 'user', content: words(random, 10 + Math.floor(random() * 60)) },
  ];
  const body: Record<string, unknown> = { model, messages, max_completion_tokens: 256 };
  if (stream) {
    body.stream = true;
    if (includeUsage) body.stream_options = { include_usage: true };
  }
  return {
    method: 'POST',
    url: `${BASE}/chat/completions`,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      cookie: `session=${key}; theme=dark`,
    },
    body: JSON.stringify(body),
  };
}

function exchange(kind: Kind, random: Random, options: GenerateOptions): { request: Side; response: Answer } {
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
    if (r < 0.65)
      return { request: chat(true, true), response: sse(streamBody(random, GENERATED_MODEL, true, 'done')) };
    if (r < 0.75)
      return {
        request: chat(true, false),
        response: sse(streamBody(random, GENERATED_MODEL, false, 'done')),
      };
    if (r < 0.85)
      return {
        request: chat(),
        response: errorAnswer(
          random,
          400,
          'invalid_request_error',
          null,
          "Invalid value for 'temperature': expected at most 2.",
        ),
      };
    if (r < 0.89)
      return {
        request: chat(),
        response: errorAnswer(
          random,
          401,
          'invalid_request_error',
          'invalid_api_key',
          'Incorrect API key provided.',
        ),
      };
    if (r < 0.92)
      return {
        request: chat(false, false, GENERATED_MODEL),
        response: errorAnswer(
          random,
          404,
          'invalid_request_error',
          'model_not_found',
          'The model does not exist.',
        ),
      };
    if (r < 0.97) {
      const answer = errorAnswer(
        random,
        429,
        'requests',
        'rate_limit_exceeded',
        'Rate limit reached for requests.',
      );
      answer.headers['retry-after'] = '2';
      return { request: chat(), response: answer };
    }
    return {
      request: chat(),
      response: errorAnswer(random, 503, 'server_error', null, 'The server is overloaded.'),
    };
  }
  if ('drift' in kind) {
    switch (kind.drift) {
      case 'usage-missing':
        return { request: chat(), response: json(completion(random, GENERATED_MODEL, 'stop', 'usage')) };
      case 'extra-field':
        return {
          request: chat(),
          response: json({ ...completion(random, GENERATED_MODEL), x_gateway_trace: hex(random, 16) }),
        };
      case 'new-finish-reason':
        return { request: chat(), response: json(completion(random, GENERATED_MODEL, 'max_output')) };
      case 'model-echo-different':
        return { request: chat(), response: json(completion(random, 'gpt-3.5-turbo')) };
      case 'error-body-on-success':
        return {
          request: chat(),
          response: { ...errorAnswer(random, 200, 'server_error', null, 'upstream failed'), status: 200 },
        };
      case 'stream-no-done':
        return {
          request: chat(true, false),
          response: sse(streamBody(random, GENERATED_MODEL, false, 'no-done')),
        };
      case 'stream-cut':
        return {
          request: chat(true, false),
          response: sse(streamBody(random, GENERATED_MODEL, false, 'cut')),
        };
      case 'stream-usage-missing':
        return {
          request: chat(true, true),
          response: sse(streamBody(random, GENERATED_MODEL, true, 'done', false)),
        };
      case 'envelope-missing':
        return {
          request: chat(),
          response: {
            status: 400,
            headers: jsonHeaders(random),
            body: JSON.stringify({ message: 'bad request' }),
          },
        };
      case 'request-id-missing':
        return {
          request: chat(),
          response: errorAnswer(random, 503, 'server_error', null, 'The server is overloaded.', false),
        };
      case 'status-undocumented':
        return {
          request: chat(),
          response: errorAnswer(random, 418, 'invalid_request_error', null, "I'm a teapot"),
        };
      case 'model-undocumented':
        return { request: chat(false, false, OTHER_MODEL), response: json(completion(random, OTHER_MODEL)) };
    }
  }
  throw new Error('unreachable');
}

function malformedLine(reason: Malformed, random: Random, options: GenerateOptions): Buffer {
  const valid = () => JSON.stringify(exchange({ conforming: 0 }, random, options));
  switch (reason) {
    case 'blank':
      return Buffer.from(random() < 0.5 ? '' : '   \t');
    case 'truncated': {
      const line = valid();
      const room = Math.min(line.length, options.maxRecordBytes ?? 1024 * 1024) - 2;
      return Buffer.from(line.slice(0, 1 + Math.floor(random() * room)));
    }
    case 'invalid-json':
      return Buffer.from(
        ['{request: nope}', '{"request": }', 'not json', '{"a":1}}', "{'single':'quotes'}"][
          Math.floor(random() * 5)
        ] as string,
      );
    case 'not-utf8':
      return Buffer.concat([
        Buffer.from('{"request":{"url":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}}'),
      ]);
    case 'not-a-record':
      return Buffer.from(
        [
          '[1,2,3]',
          '"text"',
          '42',
          'null',
          '{"foo":1}',
          '{"request":{"url":5}}',
          '{"request":{"url":"/x"},"response":{"status":"ok"}}',
          '{"request":{"url":"/x","headers":[1]},"response":{"status":200}}',
        ][Math.floor(random() * 8)] as string,
      );
    case 'no-response': {
      const { request } = exchange({ conforming: 0 }, random, options);
      return Buffer.from(JSON.stringify({ request }));
    }
    case 'binary-body': {
      const { request } = exchange({ conforming: 0 }, random, options);
      const bytes = Buffer.from(
        Array.from({ length: 64 }, (_, i) => (i % 7 === 0 ? 0 : Math.floor(random() * 256))),
      );
      return Buffer.from(
        JSON.stringify({
          request,
          response: {
            status: 200,
            headers: { 'content-type': 'image/png' },
            body: bytes.toString('base64'),
            bodyEncoding: 'base64',
          },
        }),
      );
    }
    case 'undecodable-body': {
      const { request } = exchange({ conforming: 0 }, random, options);
      const body =
        random() < 0.5 ? '@@not base64@@' : Buffer.from('not gzip at all \u0001').toString('base64');
      return Buffer.from(
        JSON.stringify({
          request,
          response: { status: 200, headers: { 'content-encoding': 'gzip' }, body, bodyEncoding: 'base64' },
        }),
      );
    }
    case 'too-large': {
      const { request, response } = exchange({ conforming: 0 }, random, options);
      const pad = 'x'.repeat((options.maxRecordBytes ?? 1024 * 1024) + 16);
      return Buffer.from(
        JSON.stringify({ request: { ...request, headers: { ...request.headers, 'x-pad': pad } }, response }),
      );
    }
  }
}

/** What a generated capture holds, to compare with the audit's result. */
export interface Planted {
  records: number;
  /** Exchanges the audit judges (every record that is neither malformed nor off the API). */
  judged: number;
  drifts: Partial<Record<Drift, number>>;
  malformed: Partial<Record<Malformed, number>>;
}

function planted(options: GenerateOptions): Planted {
  const drifts = { ...options.drifts };
  const malformed = { ...options.malformed };
  const sum = (o: Record<string, number | undefined>) =>
    Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);
  const records = 1 + options.conforming + sum(drifts) + sum(malformed);
  return { records, judged: records - sum(malformed), drifts, malformed };
}

/** JSON Lines, one Buffer per line (newline included). */
export function* jsonlCapture(options: GenerateOptions): Generator<Buffer> {
  const random = seededRandom(options.seed);
  for (const kind of plan(options, random)) {
    const line =
      'malformed' in kind
        ? malformedLine(kind.malformed, random, options)
        : Buffer.from(JSON.stringify(exchange(kind, random, options)));
    yield Buffer.concat([line, Buffer.from('\n')]);
  }
}

const harHeaders = (headers: Record<string, string>) =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

/** A HAR 1.2 document, one Buffer per piece (entries one by one). Malformed kinds become broken entries. */
export function* harCapture(options: GenerateOptions): Generator<Buffer> {
  const random = seededRandom(options.seed);
  yield Buffer.from(
    '{"log":{"version":"1.2","creator":{"name":"chatproof-generator","version":"1"},"entries":[\n',
  );
  let first = true;
  for (const kind of plan(options, random)) {
    let entry: unknown;
    if ('malformed' in kind) {
      const { request, response } = exchange({ conforming: 0 }, random, options);
      const harRequest = {
        method: request.method,
        url: request.url,
        httpVersion: 'HTTP/1.1',
        headers: harHeaders(request.headers),
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: -1,
      };
      switch (kind.malformed) {
        case 'no-response':
          entry = { startedDateTime: '2026-12-01T00:00:00.000Z', time: 1, request: harRequest };
          break;
        case 'not-a-record':
          entry = random() < 0.5 ? 42 : { note: 'not an entry' };
          break;
        case 'binary-body':
          entry = {
            request: harRequest,
            response: {
              status: 200,
              headers: [],
              content: {
                size: 8,
                mimeType: 'image/png',
                text: Buffer.from([0x89, 0x50, 0, 0, 1, 2, 3, 0]).toString('base64'),
                encoding: 'base64',
              },
            },
          };
          break;
        case 'undecodable-body':
          entry = {
            request: harRequest,
            response: {
              status: 200,
              headers: [{ name: 'content-encoding', value: 'br' }],
              content: { size: 8, mimeType: 'application/json', text: '%%%', encoding: 'base64' },
            },
          };
          break;
        case 'too-large':
          entry = {
            request: { ...harRequest, comment: 'x'.repeat((options.maxRecordBytes ?? 1024 * 1024) + 16) },
            response: { status: 200, headers: [], content: { size: 0, mimeType: 'application/json' } },
          };
          break;
        default:
          // blank, truncated, invalid JSON and bad UTF-8 are line problems; in HAR they stand for a body left out.
          entry = {
            request: harRequest,
            response: {
              status: response.status,
              headers: harHeaders(response.headers),
              content: { size: response.body.length, mimeType: 'application/json' },
            },
          };
      }
    } else {
      const { request, response } = exchange(kind, random, options);
      entry = {
        startedDateTime: '2026-12-01T00:00:00.000Z',
        time: 12,
        request: {
          method: request.method,
          url: request.url,
          httpVersion: 'HTTP/1.1',
          headers: harHeaders(request.headers),
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: request.body?.length ?? 0,
          ...(request.body !== undefined
            ? { postData: { mimeType: 'application/json', text: request.body } }
            : {}),
        },
        response: {
          status: response.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: harHeaders(response.headers),
          cookies: [],
          content: {
            size: response.body.length,
            mimeType: response.headers['content-type'] ?? 'application/json',
            text:
              random() < 0.3 && !response.bodyEncoding
                ? Buffer.from(response.body).toString('base64')
                : response.body,
            ...(response.bodyEncoding ? { encoding: 'base64' } : {}),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: 10, receive: 2 },
      };
      // Base64 chosen above: mark it so.
      const content = (entry as { response: { content: Record<string, unknown> } }).response.content;
      if (content.text !== response.body && !response.bodyEncoding) content.encoding = 'base64';
    }
    yield Buffer.from(`${first ? '' : ',\n'}${JSON.stringify(entry)}`);
    first = false;
  }
  yield Buffer.from('\n]}}\n');
}

/** The counts `jsonlCapture` / `harCapture` plant for `options`. */
export function plantedCounts(options: GenerateOptions): Planted {
  return planted(options);
}
