/**
 * @module http/client
 * The evidence client: one request at a time on `node:http`/`node:https` with a per-run agent, phase timings,
 * a local timeout, no redirect following, a size-bounded capture, and redaction before anything leaves it.
 * Transport failures come back as data on the exchange; this client never throws for the target's behaviour.
 */

import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type Clock, systemClock } from '../clock.js';
import { extractRequestId } from './request-id.js';
import { createSseReader } from './sse.js';
import { classifyTransportError } from './transport-error.js';
import type {
  BodyEnd,
  ClassifiedTransportError,
  Exchange,
  ExchangeRedactor,
  HttpRequest,
  SseEvent,
  StreamExchange,
  Timings,
} from './types.js';

/** Default capture limit: a chat completion with small `max_tokens` is a few KiB; 1 MiB is generous. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Events of a stream kept from its start and its end; the ones between are counted in `eventsOmitted`. */
export const KEEP_FIRST_EVENTS = 192;
export const KEEP_LAST_EVENTS = 64;
/** Characters of a stream's raw body kept in its capture. */
export const STREAM_BODY_KEPT = 64 * 1024;

/** Default stall limit: the longest silence tolerated after the answer's headers. */
export const DEFAULT_STALL_MS = 30_000;

export interface HttpClientOptions {
  /** Local per-request limit, from the ledger's `policy.timeout-ms`. Covers connect through the last byte. */
  timeoutMs: number;
  /** Ends a request whose answer sent headers and then no byte for this long. Default {@link DEFAULT_STALL_MS}. */
  stallMs?: number;
  redactor: ExchangeRedactor;
  maxBodyBytes?: number;
  /** The ledger's `errors.request-id` location: `header:<name>` or `message:<regex>`. */
  requestIdFrom?: string;
  /** Cancels every request in flight (Ctrl-C). */
  signal?: AbortSignal;
  /** Wall clock for `startedAt`; timings use a monotonic clock. */
  now?: Clock;
  /** Called every `waitingNoticeMs` while a request has had no answer (no status line) yet: progress only. */
  onWaiting?: (waiting: WaitingNotice) => void;
  /** How often `onWaiting` is called for a request still waiting. Default {@link WAITING_NOTICE_MS}. */
  waitingNoticeMs?: number;
}

/** A request still waiting for the first byte of its answer. */
export interface WaitingNotice {
  method: string;
  /** Origin and path, without the query. */
  url: string;
  /** How long it has waited. */
  ms: number;
}

/** A few seconds: long enough that a normal answer never triggers it, short enough that a hang is not silent. */
export const WAITING_NOTICE_MS = 5_000;

export interface HttpClient {
  /** Sends a request and captures the whole answer. */
  send(request: HttpRequest): Promise<Exchange>;
  /** Sends a request and reads the answer as server-sent events while it arrives. */
  stream(request: HttpRequest): Promise<StreamExchange>;
  /** Closes the run's keep-alive sockets. */
  close(): void;
}

interface RawResult {
  startedAt: string;
  status?: number;
  headers: Record<string, string>;
  body: Buffer;
  bodyEnd?: BodyEnd;
  error?: ClassifiedTransportError;
  timings: Timings;
}

/** Creates a client with its own agents, so no socket is shared with other code in the process. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? systemClock;

  const perform = (request: HttpRequest, onData?: (chunk: Buffer, elapsed: () => number) => void) =>
    new Promise<RawResult>((resolve) => {
      const start = performance.now();
      const elapsed = () => round(performance.now() - start);
      const timings: Timings = { totalMs: 0 };
      const result: RawResult = {
        startedAt: now().toISOString(),
        headers: {},
        body: Buffer.alloc(0),
        timings,
      };
      const chunks: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      let stalled = false;
      let stallTimer: NodeJS.Timeout | undefined;
      const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
      const armStall = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => {
          stalled = true;
          req.destroy(new Error('stalled'));
        }, stallMs);
      };
      let aborted = false;
      let settled = false;
      let url: URL;
      try {
        url = new URL(request.url);
      } catch (error) {
        result.error = { code: 'other', message: `invalid URL: ${(error as Error).message}` };
        resolve(result);
        return;
      }
      const finish = (end?: BodyEnd, error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(stallTimer);
        clearInterval(waiting);
        options.signal?.removeEventListener('abort', onAbort);
        timings.totalMs = elapsed();
        result.body = Buffer.concat(chunks);
        if (end) result.bodyEnd = end;
        if (error !== undefined) {
          result.error = classifyTransportError(error, request.url, {
            timedOut,
            stalled,
            aborted,
            timeoutMs: options.timeoutMs,
            stallMs,
          });
        }
        resolve(result);
      };
      const isHttps = url.protocol === 'https:';
      const headers: Record<string, string> = { ...request.headers };
      const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      if (payload && !hasHeader(headers, 'content-length'))
        headers['content-length'] = String(payload.length);
      const req = (isHttps ? https : http).request(url, {
        method: request.method,
        headers,
        agent: isHttps ? httpsAgent : httpAgent,
      });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('local timeout'));
      }, options.timeoutMs);
      const onWaiting = options.onWaiting;
      const waiting = onWaiting
        ? setInterval(
            () => onWaiting({ method: request.method, url: `${url.origin}${url.pathname}`, ms: elapsed() }),
            options.waitingNoticeMs ?? WAITING_NOTICE_MS,
          )
        : undefined;
      waiting?.unref();
      const onAbort = () => {
        aborted = true;
        req.destroy(new Error('aborted'));
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });

      req.on('socket', (socket: Socket) => {
        // A reused keep-alive socket has no DNS, connect or TLS phase for this request.
        if (!socket.connecting) return;
        socket.once('lookup', () => {
          timings.dnsMs = elapsed();
        });
        socket.once('connect', () => {
          timings.connectMs = elapsed();
        });
        socket.once('secureConnect', () => {
          timings.tlsMs = elapsed();
        });
      });
      req.on('response', (res) => {
        clearInterval(waiting);
        timings.firstByteMs = elapsed();
        result.status = res.statusCode ?? 0;
        result.headers = flattenHeaders(res.headers);
        armStall();
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          armStall();
          const room = maxBody - size;
          const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
          if (kept.length > 0) {
            chunks.push(kept);
            size += kept.length;
            onData?.(kept, elapsed);
          }
          if (chunk.length > room) {
            finish('truncated');
            req.destroy();
          }
        });
        res.on('end', () => finish('complete'));
        res.on('error', (error) =>
          finish(timedOut || stalled ? 'timeout' : aborted ? 'aborted' : 'cut', error),
        );
        res.on('close', () => {
          if (!res.complete) {
            finish(
              timedOut || stalled ? 'timeout' : aborted ? 'aborted' : 'cut',
              new Error('socket hang up'),
            );
          }
        });
      });
      req.on('error', (error) => {
        if (result.status === undefined) finish(undefined, error);
        else finish(timedOut || stalled ? 'timeout' : aborted ? 'aborted' : 'cut', error);
      });
      req.end(payload);
    });

  const capture = (request: HttpRequest, raw: RawResult): Exchange => {
    const { redactor } = options;
    const captured: Exchange['request'] = {
      method: request.method.toUpperCase(),
      url: redactor.url(request.url),
      headers: redactor.headers(request.headers),
    };
    if (request.body !== undefined) captured.body = redactor.text(request.body);
    const exchange: Exchange = { startedAt: raw.startedAt, request: captured, timings: raw.timings };
    if (raw.status !== undefined) {
      const text = raw.body.toString('utf8');
      exchange.response = {
        status: raw.status,
        headers: redactor.headers(raw.headers),
        body: redactor.text(text),
        truncated: raw.bodyEnd === 'truncated',
      };
      const id = extractRequestId(options.requestIdFrom, raw.headers, text);
      if (id !== undefined) exchange.requestId = redactor.text(id);
    }
    if (raw.bodyEnd) exchange.bodyEnd = raw.bodyEnd;
    if (raw.error) exchange.error = { ...raw.error, message: redactor.text(raw.error.message) };
    return exchange;
  };

  return {
    async send(request) {
      return capture(request, await perform(request));
    },
    async stream(request) {
      const reader = createSseReader();
      const decoder = new TextDecoder('utf-8');
      // The first and the last events are kept (the judges read the opening chunks, the final chunk and
      // `[DONE]`); the middle of a very long or endless stream is counted, not stored.
      const events: SseEvent[] = [];
      const last: SseEvent[] = [];
      let omitted = 0;
      let clock: () => number = () => 0;
      const stamp = (list: SseEvent[]) => {
        for (const event of list) {
          const stamped = { ...event, atMs: clock() };
          if (events.length < KEEP_FIRST_EVENTS) events.push(stamped);
          else {
            last.push(stamped);
            if (last.length > KEEP_LAST_EVENTS) {
              last.shift();
              omitted++;
            }
          }
        }
      };
      const raw = await perform(request, (chunk, elapsed) => {
        clock = elapsed;
        stamp(reader.push(decoder.decode(chunk, { stream: true })));
      });
      stamp(reader.push(decoder.decode()));
      stamp(reader.end());
      const exchange = capture(request, raw);
      // The raw text of a stream repeats its events; past the first 64 KiB it is counted, not stored.
      const response = exchange.response;
      if (response && response.body.length > STREAM_BODY_KEPT) {
        exchange.response = {
          ...response,
          body: response.body.slice(0, STREAM_BODY_KEPT),
          bodyOmitted: response.body.length - STREAM_BODY_KEPT,
        };
      }
      const redacted = [...events, ...last].map((event) => ({
        ...event,
        data: options.redactor.text(event.data),
      }));
      return {
        ...exchange,
        events: redacted,
        ...(omitted > 0 ? { eventsOmitted: omitted } : {}),
        framing: reader.framing,
        bodyEnd: raw.bodyEnd ?? (raw.error ? 'cut' : 'complete'),
      };
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
