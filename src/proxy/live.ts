/**
 * @module proxy/live
 * One in-flight exchange: the request handlers read and the response they write, in a single object so a
 * pass-through request costs one allocation. Turning it into a redacted `Attempt` happens later, off the hot path.
 */

import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Readable, Transform } from 'node:stream';
import { nestsDeeperThan } from './json-depth.js';
import type { AttemptOutcome, ProxyRequest, ProxyResponse } from './types.js';

/** The raw facts of one exchange, as the attempt log reads them. */
export interface ExchangeFacts {
  readonly seq: number;
  readonly route: string;
  readonly startedAt: number;
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  /** Request headers as received, names and values alternating. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** Bytes of the whole request body, when part of it was streamed on rather than held. */
  readonly requestBytes?: number;
  readonly bodyStreamed?: boolean;
  readonly status: number | undefined;
  readonly responseHeaders: OutgoingHttpHeaders | undefined;
  readonly responseBytes: number;
  readonly headersAt: number | undefined;
  readonly endedAt: number;
  readonly outcome: AttemptOutcome;
  readonly faults: readonly string[] | undefined;
  readonly upstream: boolean;
  readonly error: string | undefined;
}

/** How long bytes sent before a reset get to reach the client's reader (loopback needs far less). */
const RESET_GRACE_MS = 20;

export class LiveExchange implements ProxyRequest, ProxyResponse, ExchangeFacts {
  readonly startedAt = Date.now();
  readonly atMs: number;
  status: number | undefined;
  responseHeaders: OutgoingHttpHeaders | undefined;
  responseBytes = 0;
  headersAt: number | undefined;
  endedAt = 0;
  outcome: AttemptOutcome = 'completed';
  faults: string[] | undefined;
  upstream = false;
  error: string | undefined;
  closed = false;
  private settled = false;
  private hooks: (() => void)[] | undefined;
  private parsedStream: boolean | undefined;
  requestBytes: number;
  readonly bodyStreamed: boolean;
  private rest: Transform | undefined;

  constructor(
    readonly seq: number,
    readonly route: string,
    readonly method: string,
    readonly path: string,
    private readonly req: IncomingMessage,
    readonly body: Buffer,
    private readonly res: ServerResponse,
    private readonly origin: number,
    private readonly settle: (exchange: LiveExchange) => void,
    rest?: Readable,
  ) {
    this.atMs = performance.now() - origin;
    this.requestBytes = body.length;
    this.bodyStreamed = rest !== undefined;
    if (rest) {
      // Counted as it passes; the transform's small buffer and backpressure bound what is held.
      const counter = new Transform({
        transform: (chunk: Buffer, _encoding, done) => {
          this.requestBytes += chunk.length;
          done(null, chunk);
        },
      });
      rest.on('error', (error) => counter.destroy(error));
      this.rest = rest.pipe(counter);
    }
  }

  takeBodyRest(): NodeJS.ReadableStream | undefined {
    const rest = this.rest;
    this.rest = undefined;
    return rest;
  }

  /** A body's rest nobody forwarded is read and dropped, so the client can finish its upload and read the answer. */
  private drainRest(): void {
    this.takeBodyRest()?.resume();
  }

  get rawHeaders(): readonly string[] {
    return this.req.rawHeaders;
  }

  /** Node builds this object on first use: a pass-through request never asks for it. */
  get headers(): IncomingHttpHeaders {
    return this.req.headers;
  }

  get wantsStream(): boolean {
    if (this.parsedStream === undefined) this.parsedStream = bodyAsksForStream(this.body);
    return this.parsedStream;
  }

  note(fault: string): void {
    if (this.faults === undefined) this.faults = [fault];
    else this.faults.push(fault);
  }

  forwarded(): void {
    this.upstream = true;
  }

  onClose(callback: () => void): void {
    if (this.hooks === undefined) this.hooks = [callback];
    else this.hooks.push(callback);
  }

  head(status: number, headers: OutgoingHttpHeaders): void {
    if (this.closed || this.res.headersSent) return;
    this.status = status;
    this.responseHeaders = headers;
    this.headersAt = performance.now() - this.origin;
    this.res.writeHead(status, headers);
  }

  write(chunk: Buffer): boolean {
    if (this.closed) return true;
    this.responseBytes += chunk.length;
    return this.res.write(chunk);
  }

  onDrain(callback: () => void): void {
    this.res.once('drain', callback);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.drainRest();
    this.res.end();
    this.finish('completed');
  }

  reset(): void {
    if (this.closed) return;
    this.closed = true;
    this.finish('reset');
    const socket = this.res.socket;
    if (!socket) return;
    if (!this.res.headersSent) {
      socket.resetAndDestroy();
      return;
    }
    // Bytes already written must reach the client before the reset, or its kernel discards them on RST:
    // wait for the socket to flush, then give the client a moment to read them.
    const kill = () => setTimeout(() => socket.destroyed || socket.resetAndDestroy(), RESET_GRACE_MS);
    setImmediate(() => (socket.writableLength > 0 ? socket.once('drain', kill) : kill()));
  }

  upstreamFailed(error: string): void {
    this.error = error;
  }

  /** The server saw the client connection close (after a normal end, or before). */
  clientClosed(): void {
    if (this.settled) return;
    this.closed = true;
    this.finish('client-closed');
  }

  private finish(outcome: AttemptOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.drainRest();
    this.endedAt = performance.now() - this.origin;
    this.outcome = this.error !== undefined && outcome !== 'client-closed' ? 'upstream-error' : outcome;
    const hooks = this.hooks;
    this.hooks = undefined;
    if (outcome !== 'completed' && hooks) for (const hook of hooks) hook();
    this.settle(this);
  }
}

/** True when a JSON request body sets `"stream": true`; false for anything unparsable. */
export function bodyAsksForStream(body: Buffer): boolean {
  if (body.length === 0 || body.indexOf('"stream"') === -1 || nestsDeeperThan(body)) return false;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}
