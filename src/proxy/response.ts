/** @module proxy/response Helpers faults use to wrap the response they pass down the chain. */
import type { OutgoingHttpHeaders } from 'node:http';
import { SseSplitter } from '../http/sse.js';
import type { ProxyResponse } from './types.js';

type Overrides = Partial<Pick<ProxyResponse, 'head' | 'write' | 'onDrain' | 'end' | 'reset'>>;

/** A response that behaves like `response` except for the methods in `overrides`. */
export function intercept(response: ProxyResponse, overrides: Overrides): ProxyResponse {
  return {
    head: overrides.head ?? ((status, headers) => response.head(status, headers)),
    write: overrides.write ?? ((chunk) => response.write(chunk)),
    onDrain: overrides.onDrain ?? ((callback) => response.onDrain(callback)),
    end: overrides.end ?? (() => response.end()),
    reset: overrides.reset ?? (() => response.reset()),
    get closed() {
      return response.closed;
    },
  };
}

/** The value of a header as one string (first value of a list), or undefined. */
export function headerValue(headers: OutgoingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}

/** True for `text/event-stream` responses. */
export function isEventStream(headers: OutgoingHttpHeaders): boolean {
  return headerValue(headers, 'content-type')?.toLowerCase().startsWith('text/event-stream') ?? false;
}

/** Headers without framing (length or transfer coding): for faults that change the body's size. */
export function withoutLength(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const copy = { ...headers };
  delete copy['content-length'];
  delete copy['transfer-encoding'];
  return copy;
}

/** Sends a whole body with its length. */
export function sendWhole(
  response: ProxyResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer,
): void {
  response.head(status, { ...withoutLength(headers), 'content-length': body.length });
  response.write(body);
  response.end();
}

/**
 * Buffers the whole body of a non-stream response, then hands it to `finish`. Event streams pass through
 * untouched (a buffering fault would otherwise hold a stream until it ends).
 */
export function collectBody(
  response: ProxyResponse,
  finish: (status: number, headers: OutgoingHttpHeaders, body: Buffer) => void,
): ProxyResponse {
  let status = 0;
  let headers: OutgoingHttpHeaders = {};
  let passing = false;
  const chunks: Buffer[] = [];
  return intercept(response, {
    head: (s, h) => {
      passing = isEventStream(h);
      if (passing) response.head(s, h);
      status = s;
      headers = h;
    },
    write: (chunk) => {
      if (passing) return response.write(chunk);
      chunks.push(chunk);
      return true;
    },
    end: () => (passing ? response.end() : finish(status, headers, Buffer.concat(chunks))),
  });
}

/**
 * A stream body's writer that lets its first `keep` data events through whole and, at the next data event or
 * `[DONE]`, calls `stop` once and drops everything after: the shared front half of every fault that ends or
 * holds a stream part-way.
 */
export function passEvents(
  response: ProxyResponse,
  keep: number,
  stop: () => void,
): (chunk: Buffer) => boolean {
  const splitter = new SseSplitter();
  let passed = 0;
  let stopped = false;
  return (chunk) => {
    if (stopped) return true;
    let writable = true;
    for (const event of splitter.push(chunk)) {
      if (event.data === undefined) continue;
      if (event.data.trim() === '[DONE]' || passed >= keep) {
        stopped = true;
        stop();
        return true;
      }
      passed += 1;
      writable = response.write(Buffer.from(`${event.raw}\n\n`));
    }
    return writable;
  };
}
