/**
 * @module simulator/answer
 * An answer as data (status, headers, body parts) and the few ways the server writes one.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ErrorEnvelope } from '../proxy/faults/status.js';
import { type ErrorBodyInput, errorBody, specBody } from './envelope.js';
import type { ErrorSpec, Profile } from './types.js';

/** What the server sends: `parts` are written in order (stream events, or one JSON body). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  parts: string[];
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
} as const;

/** Headers every answer of the profile carries (OpenAI's request id and rate-limit headers). */
export function baseHeaders(profile: Profile, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { ...profile.responseHeaders.value };
  const placement = profile.requestId.value;
  if (placement.kind === 'header') headers[placement.header] = requestId;
  return headers;
}

/** An error answer in the profile's envelope, from a catalogued error. */
export function errorAnswer(
  profile: Profile,
  spec: ErrorSpec,
  requestId: string,
  extra: Record<string, string> = {},
): Answer {
  const { headers, body } = specBody(profile, spec, requestId);
  return {
    status: spec.status,
    headers: { ...baseHeaders(profile, requestId), ...headers, ...extra },
    parts: [body],
  };
}

/** An error answer from free input (status, message, type, code). */
export function customErrorAnswer(profile: Profile, input: ErrorBodyInput): Answer {
  const { headers, body } = errorBody(profile, input);
  return {
    status: input.status,
    headers: { ...baseHeaders(profile, input.requestId), ...headers },
    parts: [body],
  };
}

/**
 * The profile's catalogued error for a status and code: the one a named fault (`status-503`, `rate-limit`,
 * `invalid-request-500`) answers with.
 */
export function cataloguedError(profile: Profile, status: number, code?: string | null): ErrorSpec {
  const { errors } = profile;
  if (code != null && code !== '' && code === errors.invalidRequest5xx.value.code && status >= 500)
    return errors.invalidRequest5xx.value;
  if (status === errors.rateLimit.value.status) return errors.rateLimit.value;
  if (status === errors.invalidRequest.value.status) return errors.invalidRequest.value;
  return (
    errors.byStatus.value[String(status)] ?? {
      status,
      message: `HTTP ${status} injected by chatproof`,
      code: null,
    }
  );
}

export interface FaultEnvelopeOptions {
  /** Request id of an error that names none (default: `chatproof-` and 12 random hex digits). */
  requestId?: () => string;
}

/**
 * The envelope injected errors use to look like the profile's: its catalogued message, type and code for the
 * status unless the fault names them, its request-id placement and the headers every answer of it carries.
 */
export function faultEnvelope(profile: Profile, options: FaultEnvelopeOptions = {}): ErrorEnvelope {
  const newId = options.requestId ?? (() => `chatproof-${randomBytes(6).toString('hex')}`);
  return (input) => {
    const spec = cataloguedError(profile, input.status, input.code);
    const requestId = input.requestId ?? newId();
    const body: ErrorBodyInput = {
      status: input.status,
      message: input.message ?? spec.message,
      code: input.code !== undefined ? input.code : spec.code,
      requestId,
    };
    const type = input.type ?? spec.type;
    if (type !== undefined) body.type = type;
    if (spec.param !== undefined) body.param = spec.param;
    const answer = errorBody(profile, body);
    return { headers: { ...baseHeaders(profile, requestId), ...answer.headers }, body: answer.body };
  };
}

/** Writes the whole answer at once. */
export function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const body = answer.parts.length === 1 ? (answer.parts[0] ?? '') : answer.parts.join('');
  // Streams go out chunked, as the real APIs send them; everything else has a length.
  if (isStream(answer)) res.writeHead(answer.status, answer.headers);
  else res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export { htmlPage } from './html.js';

export function isStream(answer: Answer): boolean {
  return answer.headers['content-type']?.startsWith('text/event-stream') === true;
}
