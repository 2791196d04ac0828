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
}

/** A failure below HTTP: refused, DNS, TLS, timeout, reset. */
export interface TransportError {
  code: string;
  message: string;
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
}
