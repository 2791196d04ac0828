/**
 * @module report/schema-exchange
 * The captured HTTP exchange as the evidence client writes it (`src/http/types.ts`): a plain exchange, or a
 * streamed one with its events and framing. Kept strict (no unknown keys) so the published schema says
 * exactly what a packet holds; the compile-time checks below fail when the HTTP types gain or lose a field
 * this schema does not describe.
 */
import { z } from 'zod';
import type {
  BodyEnd,
  CapturedRequest,
  CapturedResponse,
  ClassifiedTransportError,
  Exchange,
  SseEvent,
  SseFraming,
  StreamExchange,
  Timings,
} from '../http/types.js';
import { RUN_LIMIT_KINDS } from '../http/types.js';

/** A local limit that fired: the per-request timeout, the stall limit (`--stall-ms`), the run deadline. */
export const RunLimitSchema = z.strictObject({
  kind: z
    .enum(RUN_LIMIT_KINDS)
    .describe('timeout (per request), stall (no byte after headers), deadline (run).'),
  ms: z.number().describe("The limit's value in milliseconds."),
});

const BODY_ENDS = [
  'complete',
  'cut',
  'timeout',
  'truncated',
  'aborted',
] as const satisfies readonly BodyEnd[];

const RequestSchema = z.strictObject({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().optional(),
});

const ResponseSchema = z.strictObject({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  truncated: z.boolean().describe('True when the body was cut at the capture limit.'),
  bodyOmitted: z
    .number()
    .int()
    .optional()
    .describe("Characters of a stream's raw body not stored; its events hold what it said."),
});

const TransportErrorSchema = z.strictObject({
  code: z.string().describe('The class of the failure: refused, dns, tls, timeout, reset, aborted, other.'),
  message: z.string(),
  errno: z
    .string()
    .optional()
    .describe('The operating-system or library code behind it (`ECONNREFUSED`, …).'),
  limit: RunLimitSchema.optional().describe('The local limit that ended the request, when one did.'),
});

const TimingsSchema = z.strictObject({
  dnsMs: z.number().optional(),
  connectMs: z.number().optional(),
  tlsMs: z.number().optional(),
  firstByteMs: z.number().optional(),
  totalMs: z.number(),
});

const SseEventSchema = z.strictObject({
  event: z.string(),
  data: z.string(),
  id: z.string().optional(),
  retry: z.number().optional(),
  atMs: z.number().optional().describe('Milliseconds from the start of the request when it was dispatched.'),
});

const SseFramingSchema = z.strictObject({
  lf: z.number().int(),
  crlf: z.number().int(),
  cr: z.number().int(),
  comments: z.number().int(),
  unknownFields: z.array(z.string()),
  incomplete: z.boolean(),
});

/** One redacted exchange; `events` and `framing` are present when the response was read as an event stream. */
export const ExchangeSchema = z.strictObject({
  startedAt: z.string(),
  request: RequestSchema,
  response: ResponseSchema.optional(),
  error: TransportErrorSchema.optional(),
  timings: TimingsSchema,
  requestId: z.string().optional(),
  bodyEnd: z
    .enum(BODY_ENDS)
    .optional()
    .describe('How the body read ended; absent on a transport error before any response.'),
  events: z.array(SseEventSchema).optional(),
  eventsOmitted: z
    .number()
    .int()
    .optional()
    .describe('Events between the first and last ones kept, counted but not stored (a very long stream).'),
  framing: SseFramingSchema.optional(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
type Out<S extends z.ZodType> = z.output<S>;

/** Compile-time proof that the schema and the HTTP evidence types name the same fields. */
export type ExchangeSchemaMatchesHttpTypes = [
  Expect<Same<keyof Out<typeof ExchangeSchema>, keyof StreamExchange>>,
  Expect<Same<keyof Out<typeof RequestSchema>, keyof CapturedRequest>>,
  Expect<Same<keyof Out<typeof ResponseSchema>, keyof CapturedResponse>>,
  Expect<Same<keyof Out<typeof TransportErrorSchema>, keyof ClassifiedTransportError>>,
  Expect<Same<keyof Out<typeof TimingsSchema>, keyof Timings>>,
  Expect<Same<keyof Out<typeof SseEventSchema>, keyof SseEvent>>,
  Expect<Same<keyof Out<typeof SseFramingSchema>, keyof SseFraming>>,
  Expect<Same<BodyEnd, (typeof BODY_ENDS)[number]>>,
  Expect<Exchange extends Out<typeof ExchangeSchema> ? true : false>,
  Expect<StreamExchange extends Out<typeof ExchangeSchema> ? true : false>,
];
