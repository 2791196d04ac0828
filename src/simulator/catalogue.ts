/**
 * @module simulator/catalogue
 * The named faults (the API misbehaving) and drifts (the contract silently changing) a request can ask for.
 * Names are stable: the probe suite, the fault proxy, the client audit and the docs refer to them.
 */

/** One catalogue entry. `assumed` is true when the provider does not document that it behaves this way. */
export interface CatalogueItem {
  name: string;
  description: string;
  /** Why the entry exists: the document or the real-world failure it reproduces. */
  source: string;
  assumed: boolean;
  /** What `name:param` means for this entry, when it takes a parameter. */
  param?: string;
}

const COMET_ERRORS =
  'CometAPI error codes and handling, https://apidoc.cometapi.com/errors/error-codes-handling';
const NODE = 'openai-node src/client.ts (shouldRetry, retryRequest)';
const FAILOVER = 'Failover Bench fault scenarios; Toxiproxy toxics (peer-tools reference)';

const status = <C extends number>(code: C, why: string, assumed: boolean, source = COMET_ERRORS) => ({
  name: `status-${code}` as `status-${C}`,
  description: `${code} with the profile's error envelope (${why}).`,
  source,
  assumed,
});

export const FAULTS = [
  {
    name: 'rate-limit',
    description: '429 with the profile envelope and no retry header.',
    source: `${COMET_ERRORS} (429 rate limiting; no Retry-After documented)`,
    assumed: false,
  },
  {
    name: 'rate-limit-retry-after',
    description: '429 with `Retry-After` in seconds.',
    source: 'OpenAI OpenAPI components.responses.TooManyRequests (Retry-After integer seconds)',
    assumed: true,
    param: 'seconds, default 1',
  },
  {
    name: 'rate-limit-retry-after-date',
    description: '429 with `Retry-After` as an HTTP date.',
    source: 'RFC 9110 section 10.2.3 Retry-After (HTTP-date form); openai-node parses it with Date.parse',
    assumed: true,
    param: 'seconds from now, default 1',
  },
  {
    name: 'rate-limit-retry-after-ms',
    description: '429 with `retry-after-ms` (milliseconds), which openai-node prefers over `Retry-After`.',
    source: NODE,
    assumed: true,
    param: 'milliseconds, default 250',
  },
  status(408, 'request timeout; openai-node retries it', true, NODE),
  status(409, 'conflict; openai-node retries it', true, NODE),
  status(500, 'platform error, retryable', false),
  {
    name: 'invalid-request-500',
    description: '500 whose error code is `invalid_request`: documented as not retryable.',
    source: `${COMET_ERRORS} (500 + error.code invalid_request: No retry)`,
    assumed: false,
  },
  status(502, 'bad gateway', true),
  status(503, 'provider unavailable, retryable', false),
  status(504, 'timeout class, retryable', false),
  status(524, 'upstream timeout (Cloudflare-style), retryable', false),
  {
    name: 'should-retry-true',
    description:
      '400 with `x-should-retry: true`: a status the client would not retry, with the header saying retry.',
    source: NODE,
    assumed: true,
  },
  {
    name: 'should-retry-false',
    description: '503 with `x-should-retry: false`: a retryable status, with the header saying do not retry.',
    source: NODE,
    assumed: true,
  },
  {
    name: 'hang',
    description: 'Reads the request and never sends headers; the socket is destroyed at the server-side cap.',
    source: FAILOVER,
    assumed: true,
    param: 'cap in milliseconds, default 30000',
  },
  {
    name: 'slow-first-byte',
    description: 'Waits before sending headers, then answers normally.',
    source: FAILOVER,
    assumed: true,
    param: 'delay in milliseconds, default 2000',
  },
  {
    name: 'stall-mid-stream',
    description:
      'Sends headers and part of the body (the first stream events), then stops sending; destroyed at the cap.',
    source: FAILOVER,
    assumed: true,
    param: 'cap in milliseconds, default 30000',
  },
  {
    name: 'reset-before-headers',
    description: 'Resets the connection (TCP RST) before any byte of the answer.',
    source: FAILOVER,
    assumed: true,
  },
  {
    name: 'reset-mid-body',
    description: 'Sends headers and part of the body, then resets the connection.',
    source: FAILOVER,
    assumed: true,
  },
  {
    name: 'stream-cut',
    description:
      'The stream ends cleanly at the HTTP level half-way through: no finish_reason, no `[DONE]`. A JSON request gets a truncated body.',
    source: 'Portkey-AI/gateway#1797, BerriAI/litellm#40404 (stream cut ends with a clean 200)',
    assumed: true,
  },
  {
    name: 'stream-error-event',
    description:
      'A 200 stream that carries an in-band `{"error":{…}}` event and ends without `[DONE]`. A JSON request gets error-body-200.',
    source: 'LiteLLM CometAPI stream parser handles an in-stream error chunk; Portkey-AI/gateway#1047',
    assumed: true,
  },
  {
    name: 'malformed-json',
    description: 'A 200 `application/json` body (or a stream event) that is not valid JSON.',
    source: 'WireMock MALFORMED_RESPONSE_CHUNK; Failover Bench malformed SSE chunk',
    assumed: true,
  },
  {
    name: 'html-200',
    description: 'A 200 HTML page instead of JSON (a captive portal or a misrouted path).',
    source: `${COMET_ERRORS} (a wrong path may show up as HTML, not JSON)`,
    assumed: true,
  },
  {
    name: 'html-502',
    description: 'A 502 HTML error page from a gateway in front of the API.',
    source: `${COMET_ERRORS} (HTML instead of JSON)`,
    assumed: true,
  },
  {
    name: 'rate-limit-retry-after-unreadable',
    description: '429 whose `Retry-After` is `soon`: neither seconds nor an HTTP date.',
    source: 'RFC 9110 section 10.2.3 Retry-After (HTTP-date / delay-seconds)',
    assumed: true,
  },
  {
    name: 'error-body-200',
    description: 'A 200 whose JSON body is the profile error envelope.',
    source: 'Portkey-AI/gateway#267 (HTTP 200 returned on a failure)',
    assumed: true,
  },
] as const satisfies readonly CatalogueItem[];

const SPEC = 'OpenAI OpenAPI CreateChatCompletionResponse / CreateChatCompletionStreamResponse';

export const DRIFTS = [
  {
    name: 'usage-missing',
    description: 'The `usage` object is absent (stream: the usage chunk has no `usage`).',
    source: SPEC,
    assumed: true,
  },
  { name: 'usage-null', description: '`usage` is null.', source: SPEC, assumed: true },
  {
    name: 'content-null',
    description: '`choices[0].message.content` (stream: every `delta.content`) is null.',
    source: SPEC,
    assumed: true,
  },
  {
    name: 'content-moved',
    description: 'The text moves from `content` to an undocumented `text` field.',
    source: SPEC,
    assumed: true,
  },
  {
    name: 'extra-field',
    description: 'An undocumented field appears at the top level and in each choice.',
    source: SPEC,
    assumed: true,
  },
  {
    name: 'new-finish-reason',
    description: '`finish_reason` takes a value outside the documented enum (`end_turn`).',
    source: SPEC,
    assumed: true,
  },
  { name: 'id-missing', description: 'The `id` field is absent.', source: SPEC, assumed: true },
  {
    name: 'object-wrong',
    description: '`object` is `text_completion` instead of `chat.completion` (stream: `chat.completion`).',
    source: SPEC,
    assumed: true,
  },
  {
    name: 'created-string',
    description: '`created` is a string instead of a unix-seconds number.',
    source: SPEC,
    assumed: true,
  },
  { name: 'choices-empty', description: '`choices` is an empty array.', source: SPEC, assumed: true },
  {
    name: 'no-done',
    description: 'A complete stream that never sends `data: [DONE]`.',
    source: 'CometAPI quickstart: a stream "ends with data: [DONE]"',
    assumed: true,
  },
  {
    name: 'no-usage-chunk',
    description: 'No usage chunk even though `stream_options.include_usage` asked for one.',
    source: SPEC,
    assumed: true,
  },
  {
    name: 'usage-sum-wrong',
    description: '`usage.total_tokens` is 7 more than `prompt_tokens + completion_tokens`.',
    source: `${SPEC}: total_tokens "Total number of tokens used in the request (prompt + completion)"`,
    assumed: true,
  },
  {
    name: 'usage-negative',
    description: '`usage.prompt_tokens` is negative (the total still adds up).',
    source: `${SPEC}: CompletionUsage token counts are integers`,
    assumed: true,
  },
  {
    name: 'usage-details-exceed',
    description: '`usage.completion_tokens_details.reasoning_tokens` exceeds `completion_tokens`.',
    source: `${SPEC}: completion_tokens_details "Breakdown of tokens used in a completion"`,
    assumed: true,
  },
  {
    name: 'created-milliseconds',
    description: '`created` is in milliseconds, not unix seconds (the model list keeps seconds).',
    source: `${SPEC}: created "The Unix timestamp (in seconds)"`,
    assumed: true,
  },
  {
    name: 'created-far',
    description: "`created` is three days behind the request's clock.",
    source: `${SPEC}: created "The Unix timestamp (in seconds) of when the chat completion was created"`,
    assumed: true,
  },
  {
    name: 'choice-index-wrong',
    description: 'Choice `index` starts at 1 instead of 0 (stream: every chunk says 1).',
    source: `${SPEC}: choice index "The index of the choice in the list of choices"`,
    assumed: true,
  },
  {
    name: 'media-type-wrong',
    description: 'A success answer (JSON or stream) says `text/plain` instead of its documented media type.',
    source: 'OpenAI OpenAPI createChatCompletion 200: application/json or text/event-stream',
    assumed: true,
  },
  {
    name: 'ratelimit-header-malformed',
    description: '`x-ratelimit-remaining-requests: plenty` and `x-ratelimit-reset-tokens: 6 minutes`.',
    source: 'OpenAI rate-limit headers (integers; resets as durations like `6m0s`)',
    assumed: true,
  },
  {
    name: 'stream-id-changes',
    description: 'Each stream chunk carries a different `id`.',
    source: `${SPEC}: chunk id "Each chunk has the same ID."`,
    assumed: true,
  },
  {
    name: 'stream-no-finish',
    description: 'No stream chunk carries a `finish_reason`; the stream still ends with `[DONE]`.',
    source: `${SPEC}: choice finish_reason "The reason the model stopped generating tokens"`,
    assumed: true,
  },
  {
    name: 'models-created-milliseconds',
    description: 'The model list gives each model `created` in milliseconds.',
    source: 'OpenAI OpenAPI Model: created "The Unix timestamp (in seconds) when the model was created"',
    assumed: true,
  },
  {
    name: 'models-data-object',
    description: "The model list's `data` is an object keyed by model id instead of an array.",
    source: 'OpenAI OpenAPI ListModelsResponse: data is an array of Model',
    assumed: true,
  },
  {
    name: 'error-media-type-wrong',
    description: 'Error answers with a JSON envelope say `text/plain` instead of `application/json`.',
    source: 'OpenAI OpenAPI TooManyRequests: application/json ErrorResponse',
    assumed: true,
  },
  {
    name: 'error-type-number',
    description: "The error envelope's `type` is the number 400 instead of a string.",
    source: 'OpenAI OpenAPI Error: `type` string; CometAPI error `type` is `comet_api_error`',
    assumed: true,
  },
  {
    name: 'model-echo-different',
    description: "`model` echoes a different model family from the one requested (the profile's substitute).",
    source: 'CometAPI chat examples: the returned model is the resolved upstream id',
    assumed: true,
  },
] as const satisfies readonly CatalogueItem[];

export type FaultName = (typeof FAULTS)[number]['name'];
export type DriftName = (typeof DRIFTS)[number]['name'];

const FAULT_SET: ReadonlySet<string> = new Set(FAULTS.map((item) => item.name));
const DRIFT_SET: ReadonlySet<string> = new Set(DRIFTS.map((item) => item.name));

export function isFaultName(name: string): name is FaultName {
  return FAULT_SET.has(name);
}

export function isDriftName(name: string): name is DriftName {
  return DRIFT_SET.has(name);
}
