/**
 * @module proxy/attempt
 * Turns the raw facts of an exchange into a redacted attempt record. Runs off the hot path, in the log's flush.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Redactor } from '../redact/index.js';
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

interface BodyFacts {
  model?: string;
  stream: boolean;
  callKey: string;
}

/** Model, stream flag and call key of a request body. The call key ignores the model so a fallback to
 * another model still counts as the same logical call. */
export function describeBody(method: string, path: string, body: Buffer): BodyFacts {
  const prefix = `${method} ${path.split('?')[0]}\n`;
  let parsed: unknown;
  try {
    parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { stream: false, callKey: digest(prefix + body.toString('latin1')) };
  }
  const { model, ...rest } = parsed as Record<string, unknown>;
  return {
    ...(typeof model === 'string' ? { model } : {}),
    stream: rest.stream === true,
    callKey: digest(prefix + JSON.stringify(rest)),
  };
}

/** 64 bits of FNV-1a (two 32-bit lanes): enough to tell one client's calls apart, and cheap. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 7);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The redacted attempt record for one finished exchange. */
export function toAttempt(facts: ExchangeFacts, redactor: Redactor): Attempt {
  const body = describeBody(facts.method, facts.path, facts.body);
  const attempt: Attempt = {
    seq: facts.seq,
    route: facts.route,
    startedAt: new Date(facts.startedAt).toISOString(),
    atMs: round(facts.atMs),
    method: facts.method,
    path: redactor.url(facts.path),
    stream: body.stream,
    retryHeaders: pick(facts.headers, RETRY_REQUEST_HEADERS, redactor),
    callKey: body.callKey,
    retrySignals: pick(facts.responseHeaders, RETRY_SIGNAL_HEADERS, redactor),
    requestBytes: facts.body.length,
    responseBytes: facts.responseBytes,
    totalMs: round(facts.endedAt - facts.atMs),
    outcome: facts.outcome,
    faults: facts.faults ? [...facts.faults] : [],
    upstream: facts.upstream,
  };
  if (body.model !== undefined) attempt.model = redactor.text(body.model);
  if (facts.status !== undefined) attempt.status = facts.status;
  if (facts.headersAt !== undefined) attempt.headersMs = round(facts.headersAt - facts.atMs);
  if (facts.error !== undefined) attempt.error = redactor.text(facts.error);
  return attempt;
}
