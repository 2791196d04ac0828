/** HTTP client for evidence: timings, SSE reader, redacting capture, curl reproducer, secret references. */
export {
  createHttpClient,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_STALL_MS,
  type HttpClient,
  type HttpClientOptions,
  WAITING_NOTICE_MS,
  type WaitingNotice,
} from './client.js';
export { curlReproducer, type ReproducerInput, shellQuote } from './reproducer.js';
export { extractRequestId } from './request-id.js';
export { type KeyRef, parseKeyRef, resolveSecret, type SecretIo } from './secret.js';
export { createSseReader, readSse, type SseReader } from './sse.js';
export { classifyTransportError } from './transport-error.js';
export {
  type BodyEnd,
  type CapturedRequest,
  type CapturedResponse,
  type ClassifiedTransportError,
  type Exchange,
  type ExchangeRedactor,
  type HttpRequest,
  RUN_LIMIT_KINDS,
  type RunLimit,
  type RunLimitKind,
  type SseEvent,
  type SseFraming,
  type StreamExchange,
  type Timings,
  TRANSPORT_ERROR_KINDS,
  type TransportError,
  type TransportErrorKind,
} from './types.js';
