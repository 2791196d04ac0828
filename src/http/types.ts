/**
 * @module http/types
 * One HTTP exchange as evidence: what was sent, what came back, how long each phase took. Always redacted
 * before it is stored.
 */

export interface Timings {
  /** Milliseconds from the start of the request. Absent phases (no DNS for an IP, no TLS for http) are omitted. */
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs: number;
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the body was cut at the capture limit. */
  truncated: boolean;
  /** Characters of a stream's raw body not stored: its events hold what it said (see `eventsOmitted`). */
  bodyOmitted?: number;
}

/** A failure below HTTP: refused, DNS, TLS, timeout, reset. */
export interface TransportError {
  code: string;
  message: string;
  /** The local limit that ended the request, when one did (our timeout, the stall limit, the run deadline). */
  limit?: RunLimit;
}

export interface Exchange {
  /** ISO time the request started. */
  startedAt: string;
  request: CapturedRequest;
  response?: CapturedResponse;
  error?: TransportError;
  timings: Timings;
  /** Request id from a response header or from the error message, when the target gives one. */
  requestId?: string;
  /** How the body read ended (absent on transport errors before a response). */
  bodyEnd?: BodyEnd;
}

/** How a transport failure is classed, so findings can name it without parsing messages. */
export const TRANSPORT_ERROR_KINDS = [
  'refused',
  'dns',
  'tls',
  'timeout',
  'reset',
  'aborted',
  'other',
] as const;
export type TransportErrorKind = (typeof TRANSPORT_ERROR_KINDS)[number];

/** The local limits that end a request or a run: the per-request timeout, the stall limit, the run deadline. */
export const RUN_LIMIT_KINDS = ['timeout', 'stall', 'deadline'] as const;
export type RunLimitKind = (typeof RUN_LIMIT_KINDS)[number];

/** A local limit that fired, with its value: data, so the packet can name it without reading a message. */
export interface RunLimit {
  kind: RunLimitKind;
  ms: number;
}

/** A transport error with its class and the low-level code (`ECONNREFUSED`, …) kept for the record. */
export interface ClassifiedTransportError extends TransportError {
  code: TransportErrorKind;
  /** The operating-system or library code behind it, when there is one. */
  errno?: string;
  /** The local limit that ended the request, when one did. */
  limit?: RunLimit;
}

/** How the body read ended: fully, cut by the peer, cut by our timeout, or cut at the capture limit. */
export type BodyEnd = 'complete' | 'cut' | 'timeout' | 'truncated' | 'aborted';

/** What the client sends. Headers are sent as given; the captured copy is redacted. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The redaction the client needs; structurally a subset of `createRedactor()` from `src/redact/`, so any
 * redactor with these methods fits.
 */
export interface ExchangeRedactor {
  text(value: string): string;
  headers(headers: Record<string, string>): Record<string, string>;
  url(value: string): string;
}

/** One server-sent event as dispatched by the SSE reader. */
export interface SseEvent {
  /** `message` unless the stream named it with `event:`. */
  event: string;
  data: string;
  id?: string;
  retry?: number;
  /** Milliseconds from the start of the request when the event was dispatched (streaming reads only). */
  atMs?: number;
}

/** Framing seen on an event stream: which line endings, comments, and what was left unfinished. */
export interface SseFraming {
  lf: number;
  crlf: number;
  cr: number;
  comments: number;
  /** Lines whose field name the SSE format does not define (ignored by readers, recorded here). */
  unknownFields: string[];
  /** Data buffered when the stream ended without the blank line that dispatches it. */
  incomplete: boolean;
}

/** An exchange read as an event stream: the (redacted) exchange plus the events and framing. */
export interface StreamExchange extends Exchange {
  /** The first `KEEP_FIRST_EVENTS` and the last `KEEP_LAST_EVENTS` events. */
  events: SseEvent[];
  /** Events between those kept, counted but not stored (a very long or endless stream). */
  eventsOmitted?: number;
  framing: SseFraming;
  bodyEnd: BodyEnd;
}
