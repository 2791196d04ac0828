/**
 * @module simulator/answer
 * An answer as data (status, headers, body parts) and the few ways the server writes one.
 */
import type { ServerResponse } from 'node:http';
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

/** Writes the whole answer at once. */
export function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const body = answer.parts.length === 1 ? (answer.parts[0] ?? '') : answer.parts.join('');
  // Streams go out chunked, as the real APIs send them; everything else has a length.
  if (isStream(answer)) res.writeHead(answer.status, answer.headers);
  else res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A small HTML page, as gateways and wrong paths answer. */
export function htmlPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center><hr><center>chatproof simulator</center></body></html>\n`;
}

export function isStream(answer: Answer): boolean {
  return answer.headers['content-type']?.startsWith('text/event-stream') === true;
}
