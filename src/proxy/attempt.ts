/**
 * @module proxy/attempt
 * Turns the raw facts of an exchange into a redacted attempt record. Runs off the hot path, in the log's flush.
 */

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Redactor } from '../redact/index.js';
import { nestsDeeperThan } from './json-depth.js';
import type { ExchangeFacts } from './live.js';
import type { Attempt } from './types.js';

/** Request headers that tell how many times a client has retried, or how long it will wait. */
export const RETRY_REQUEST_HEADERS = [
  'x-stainless-retry-count',
  'x-stainless-timeout',
  'x-retry-count',
  'x-retry-attempt',
  'retry-count',
  'retry-attempt',
  'idempotency-key',
  'x-idempotency-key',
];

/** Response headers that tell a client whether and when to retry. */
export const RETRY_SIGNAL_HEADERS = ['retry-after', 'retry-after-ms', 'x-should-retry'];

function pick(
  headers: IncomingHttpHeaders | OutgoingHttpHeaders | undefined,
  names: readonly string[],
  redactor: Redactor,
): Record<string, string> {
  const picked: Record<string, string> = {};
  if (!headers) return picked;
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined)
      picked[name] = redactor.text(Array.isArray(value) ? value.join(', ') : String(value));
  }
  return picked;
}

const RETRY_REQUEST_SET = new Set(RETRY_REQUEST_HEADERS);
const RETRY_REQUEST_LENGTHS = new Set(RETRY_REQUEST_HEADERS.map((name) => name.length));

/** The retry headers in a raw header list, in the order of `RETRY_REQUEST_HEADERS`; repeats joined with
 * `, ` as node joins them in `req.headers`. */
function pickRaw(raw: readonly string[], redactor: Redactor): Record<string, string> {
  let found: Map<string, string> | undefined;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!;
    if (!RETRY_REQUEST_LENGTHS.has(name.length)) continue;
    const lower = name.toLowerCase();
    if (!RETRY_REQUEST_SET.has(lower)) continue;
    found ??= new Map();
    const before = found.get(lower);
    found.set(lower, before === undefined ? raw[index + 1]! : `${before}, ${raw[index + 1]!}`);
  }
  const picked: Record<string, string> = {};
  if (found === undefined) return picked;
  for (const name of RETRY_REQUEST_HEADERS) {
    const value = found.get(name);
    if (value !== undefined) picked[name] = redactor.text(value);
  }
  return picked;
}

interface BodyFacts {
  model?: string;
  stream: boolean;
  callKey: string;
}

/** Model, stream flag and call key of a request body. The call key ignores the model so a fallback to
 * another model still counts as the same logical call. */
export function describeBody(method: string, path: string, body: Buffer): BodyFacts {
  const query = path.indexOf('?');
  const lanes: Lanes = { a: 0x811c9dc5, b: 0x050c5d1f };
  feedText(lanes, `${method} ${query === -1 ? path : path.slice(0, query)}\n`);
  let parsed: unknown;
  try {
    parsed = body.length > 0 && !nestsDeeperThan(body) ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    feedBytes(lanes, body);
    return { stream: false, callKey: hex(lanes) };
  }
  const fields = parsed as Record<string, unknown>;
  const model = fields.model;
  // The body without its model, as JSON: an undefined member is left out just as if it were removed, and
  // overwriting it keeps the parsed object's shape (cheaper than copying every other field).
  if (model !== undefined) fields.model = undefined;
  feedText(lanes, JSON.stringify(fields));
  const facts: BodyFacts = { stream: fields.stream === true, callKey: hex(lanes) };
  if (typeof model === 'string') facts.model = model;
  return facts;
}

/** 64 bits of FNV-1a in two 32-bit lanes: enough to tell one client's calls apart, and cheap. Fed piece by
 * piece, so the method, path and body are digested without building the joined string. */
interface Lanes {
  a: number;
  b: number;
}

function feedText(lanes: Lanes, text: string): void {
  let { a, b } = lanes;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 7);
  }
  lanes.a = a;
  lanes.b = b;
}

/** Bytes as latin1 characters (one per byte), read straight from the buffer. */
function feedBytes(lanes: Lanes, bytes: Buffer): void {
  let { a, b } = lanes;
  for (let i = 0; i < bytes.length; i += 1) {
    const code = bytes[i]!;
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 7);
  }
  lanes.a = a;
  lanes.b = b;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The two lanes as 16 hex digits (a table beats `toString(16).padStart` here). */
function hex({ a, b }: Lanes): string {
  return (
    HEX[a >>> 24]! +
    HEX[(a >>> 16) & 255]! +
    HEX[(a >>> 8) & 255]! +
    HEX[a & 255]! +
    HEX[b >>> 24]! +
    HEX[(b >>> 16) & 255]! +
    HEX[(b >>> 8) & 255]! +
    HEX[b & 255]!
  );
}

const round = (ms: number) => Math.round(ms * 10) / 10;

// Attempts in a batch mostly start within the same second: its ISO text is built once and the milliseconds
// appended, rather than a Date and a full format per attempt.
let isoSecond = Number.NaN;
let isoPrefix = '';

/** `new Date(ms).toISOString()` for a whole number of milliseconds. */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  const milli = ms - second * 1000;
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** The redacted attempt record for one finished exchange. */
export function toAttempt(facts: ExchangeFacts, redactor: Redactor): Attempt {
  const body = describeBody(facts.method, facts.path, facts.body);
  const attempt: Attempt = {
    seq: facts.seq,
    route: facts.route,
    startedAt: isoTime(facts.startedAt),
    atMs: round(facts.atMs),
    method: facts.method,
    path: redactor.url(facts.path),
    stream: body.stream,
    retryHeaders: pickRaw(facts.rawHeaders, redactor),
    callKey: body.callKey,
    retrySignals: pick(facts.responseHeaders, RETRY_SIGNAL_HEADERS, redactor),
    requestBytes: facts.requestBytes ?? facts.body.length,
    responseBytes: facts.responseBytes,
    totalMs: round(facts.endedAt - facts.atMs),
    outcome: facts.outcome,
    faults: facts.faults ? [...facts.faults] : [],
    upstream: facts.upstream,
  };
  if (body.model !== undefined) attempt.model = redactor.text(body.model);
  if (facts.bodyStreamed) attempt.bodyStreamed = true;
  if (facts.status !== undefined) attempt.status = facts.status;
  if (facts.headersAt !== undefined) attempt.headersMs = round(facts.headersAt - facts.atMs);
  if (facts.error !== undefined) attempt.error = redactor.text(facts.error);
  return attempt;
}
