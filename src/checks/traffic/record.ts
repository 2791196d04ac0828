/**
 * @module checks/traffic/record
 * One record of a capture, as bytes, to a captured exchange with decoded bodies, or the reason it cannot be
 * judged. JSON Lines records and HAR 1.2 entries each have their own shape; both end as `CapturedExchange`.
 * Pure; never throws on any input.
 */
import { decodeBody } from './decode.js';
import type { CapturedExchange, SkipReason } from './types.js';

export type Parsed = { ok: true; exchange: CapturedExchange } | { ok: false; reason: SkipReason };

const skip = (reason: SkipReason): Parsed => ({ ok: false, reason });

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Parses one record's text; a parse error that ran out of input is a truncated record. */
export function parseRecordText(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: SkipReason } {
  if (text.trim() === '') return { ok: false, reason: 'blank' };
  try {
    // A byte-order mark may open the first line of a file written by a Windows tool.
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const end = text.trimEnd().length;
    const truncated =
      /end of (JSON )?input|Unterminated string/i.test(message) || (at !== null && Number(at[1]) >= end);
    return { ok: false, reason: truncated ? 'truncated' : 'invalid-json' };
  }
}

// A capture repeats a few dozen header names: each is lower-cased once (up to a bound, short names only).
const lowered = new Map<string, string>();
function lower(name: string): string {
  let key = lowered.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (lowered.size < 4096 && name.length <= 256) lowered.set(name, key);
  }
  return key;
}

/** Header values by lower-cased name; repeated headers joined as HTTP joins them. */
function headerRecord(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  const out: Record<string, string> = {};
  const add = (name: unknown, item: unknown) => {
    if (typeof name !== 'string' || name === '') return false;
    const text = typeof item === 'string' ? item : typeof item === 'number' ? String(item) : undefined;
    if (text === undefined) return false;
    const key = lower(name);
    out[key] = out[key] === undefined ? text : `${out[key]}${key === 'set-cookie' ? '\n' : ', '}${text}`;
    return true;
  };
  if (Array.isArray(value)) {
    // HAR: [{name, value}]
    for (const item of value) if (!isObject(item) || !add(item.name, item.value)) return undefined;
    return out;
  }
  if (!isObject(value)) return undefined;
  for (const [name, item] of Object.entries(value)) {
    if (Array.isArray(item)) {
      for (const one of item) if (!add(name, one)) return undefined;
    } else if (!add(name, item)) return undefined;
  }
  return out;
}

function bodyText(
  body: unknown,
  base64: boolean,
  contentEncoding: string | undefined,
  maxBytes: number,
): { ok: true; text: string } | { ok: false; reason: SkipReason } {
  if (typeof body === 'string') return decodeBody(body, base64, contentEncoding, maxBytes);
  if (base64) return { ok: false, reason: 'undecodable-body' };
  // A JSON value stands for the JSON text the API sent.
  return { ok: true, text: JSON.stringify(body) };
}

const validStatus = (status: unknown): status is number =>
  typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;

/**
 * A JSON Lines record: `{"request": {"method", "url", "headers", "body"}, "response": {"status", "headers",
 * "body"}}`, optional `startedAt`, and `bodyEncoding: "base64"` on either side for bytes.
 */
export function fromJsonl(value: unknown, maxBytes: number): Parsed {
  if (!isObject(value) || !isObject(value.request)) return skip('not-a-record');
  const request = value.request;
  if (typeof request.url !== 'string' || request.url === '') return skip('not-a-record');
  if (request.method !== undefined && typeof request.method !== 'string') return skip('not-a-record');
  const requestHeaders = headerRecord(request.headers);
  if (!requestHeaders) return skip('not-a-record');
  if (value.response === undefined || value.response === null) return skip('no-response');
  if (!isObject(value.response)) return skip('not-a-record');
  const response = value.response;
  if (!validStatus(response.status)) return skip('not-a-record');
  const responseHeaders = headerRecord(response.headers);
  if (!responseHeaders) return skip('not-a-record');
  const out: CapturedExchange = {
    request: {
      method: ((request.method as string | undefined) ?? 'GET').toUpperCase(),
      url: request.url,
      headers: requestHeaders,
    },
    response: { status: response.status, headers: responseHeaders, body: '' },
  };
  if (typeof value.startedAt === 'string') out.startedAt = value.startedAt;
  if (request.body !== undefined && request.body !== null) {
    const body = bodyText(
      request.body,
      request.bodyEncoding === 'base64',
      requestHeaders['content-encoding'],
      maxBytes,
    );
    if (!body.ok) return skip(body.reason);
    out.request.body = body.text;
  }
  if (response.body !== undefined && response.body !== null) {
    const body = bodyText(
      response.body,
      response.bodyEncoding === 'base64',
      responseHeaders['content-encoding'],
      maxBytes,
    );
    if (!body.ok) return skip(body.reason);
    out.response.body = body.text;
  }
  return { ok: true, exchange: out };
}

/** A HAR 1.2 entry: `request` and `response` with headers as `[{name, value}]` and `content.text`. */
export function fromHar(value: unknown, maxBytes: number): Parsed {
  if (!isObject(value) || !isObject(value.request)) return skip('not-a-record');
  const request = value.request;
  if (typeof request.url !== 'string' || typeof request.method !== 'string') return skip('not-a-record');
  const requestHeaders = headerRecord(request.headers);
  if (!requestHeaders) return skip('not-a-record');
  const response = value.response;
  // Browsers record blocked or failed requests with status 0 and no answer.
  if (!isObject(response) || response.status === 0) return skip('no-response');
  if (!validStatus(response.status)) return skip('not-a-record');
  const responseHeaders = headerRecord(response.headers);
  if (!responseHeaders) return skip('not-a-record');
  const content = response.content;
  if (!isObject(content)) return skip('no-body');
  let body = '';
  if (typeof content.text === 'string') {
    const decoded = decodeBody(
      content.text,
      content.encoding === 'base64',
      responseHeaders['content-encoding'],
      maxBytes,
    );
    if (!decoded.ok) return skip(decoded.reason);
    body = decoded.text;
  } else if (content.text !== undefined || content.size !== 0) {
    // No text although the answer had a body (the exporter left it out): nothing to judge.
    return skip('no-body');
  }
  const out: CapturedExchange = {
    request: { method: request.method.toUpperCase(), url: request.url, headers: requestHeaders },
    response: { status: response.status, headers: responseHeaders, body },
  };
  if (typeof value.startedDateTime === 'string') out.startedAt = value.startedDateTime;
  const post = request.postData;
  if (isObject(post) && typeof post.text === 'string') {
    const decoded = decodeBody(
      post.text,
      post.encoding === 'base64',
      requestHeaders['content-encoding'],
      maxBytes,
    );
    if (!decoded.ok) return skip(decoded.reason);
    out.request.body = decoded.text;
  }
  return { ok: true, exchange: out };
}
