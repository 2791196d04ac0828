/**
 * @module proxy/types
 * The fault proxy's vocabulary: a request as a handler sees it, the response it writes to, and the attempt
 * record every request leaves in the log.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * One client request, as every handler in the chain sees it. The body is read before the chain runs, up to the
 * proxy's `maxRequestBytes`; a larger body's rest is still arriving in `bodyRest`.
 */
export interface ProxyRequest {
  readonly method: string;
  /** Path and query as forwarded to the upstream (the route prefix removed). */
  readonly path: string;
  /** Headers as an object (built on first use; the forwarder does not need it). */
  readonly headers: IncomingHttpHeaders;
  /** Headers as received: names and values alternating, duplicates kept. What the forwarder sends on. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /**
   * Hands over (once) the rest of a body larger than the proxy holds, still arriving with backpressure: the
   * forwarder streams it to the upstream after `body`. Undefined for a body held whole. A rest nobody takes is
   * drained and dropped when the answer ends.
   */
  takeBodyRest(): NodeJS.ReadableStream | undefined;
  /** Name of the route the request came in on: `primary`, or a name from `routes`. */
  readonly route: string;
  /** Calls `callback` once if the client goes away before the response ends (cheaper than an AbortSignal). */
  onClose(callback: () => void): void;
  /** True when the JSON body asks for a stream (`"stream": true`). Parsed on first use. */
  readonly wantsStream: boolean;
  /** Records that a fault acted on this request; the name lands in the attempt log. */
  note(fault: string): void;
  /** Called by the forwarder when the request goes to the upstream. */
  forwarded(): void;
  /** Called by the forwarder when the upstream fails; the attempt's outcome says so. */
  upstreamFailed(error: string): void;
}

/** Where a handler writes its answer. Faults wrap it to change what the client receives. */
export interface ProxyResponse {
  /** Sends the status line and headers. */
  head(status: number, headers: OutgoingHttpHeaders): void;
  /** Writes body bytes; `false` means call `onDrain` before writing more. */
  write(chunk: Buffer): boolean;
  /** Calls `callback` once the client can take more bytes. */
  onDrain(callback: () => void): void;
  /** Ends the body cleanly. */
  end(): void;
  /** Drops the client connection abruptly (TCP reset when the platform allows it). */
  reset(): void;
  /** True once the client has gone away or the response has ended. */
  readonly closed: boolean;
}

/** A link in the chain: answers a request by writing to the response. */
export type Handler = (request: ProxyRequest, response: ProxyResponse) => Promise<void> | void;

/** A fault is middleware: it wraps the rest of the chain. */
export type Fault = (next: Handler) => Handler;

/** How an attempt ended, from the proxy's side. */
export type AttemptOutcome =
  /** The response ended normally (whatever its status). */
  | 'completed'
  /** The client closed the connection before the response ended (its timeout, or it was killed). */
  | 'client-closed'
  /** A fault dropped the connection. */
  | 'reset'
  /** The upstream could not be reached or failed mid-response. */
  | 'upstream-error';

/** One request the client made through the proxy, redacted. */
export interface Attempt {
  /** Order of arrival across all routes, from 0. */
  seq: number;
  route: string;
  /** ISO time the request arrived. */
  startedAt: string;
  /** Milliseconds from the proxy's start to the request's arrival (monotonic clock). */
  atMs: number;
  method: string;
  path: string;
  model?: string;
  stream: boolean;
  /** Retry-count and timeout headers the client sent (`x-stainless-retry-count` and similar). */
  retryHeaders: Record<string, string>;
  /** Identifies one logical call: a digest of the method, path and body without the model field. */
  callKey: string;
  /** Status the client received; absent when it received none (reset, hang, closed before headers). */
  status?: number;
  /** Retry signals the client received (`retry-after`, `retry-after-ms`, `x-should-retry`). */
  retrySignals: Record<string, string>;
  /** Bytes of the request body, all of it (a streamed body included). */
  requestBytes: number;
  /**
   * True when the body was larger than the proxy holds (`maxRequestBytes`) and was streamed on: model, stream
   * flag and call key are read from its first `maxRequestBytes` only.
   */
  bodyStreamed?: boolean;
  responseBytes: number;
  /** Milliseconds from arrival to the status line reaching the client. */
  headersMs?: number;
  /** Milliseconds from arrival to the end of the attempt. */
  totalMs: number;
  outcome: AttemptOutcome;
  /** Faults that acted on this attempt. */
  faults: string[];
  /** Whether the request was forwarded to the upstream. */
  upstream: boolean;
  error?: string;
}
