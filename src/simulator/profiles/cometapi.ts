/**
 * @module simulator/profiles/cometapi
 * CometAPI as its documentation describes it: the `comet_api_error` envelope with the request id inside the
 * message, a redirect for a wrong path, no rate-limit headers, and a resolved model id that differs from the
 * requested alias. Gaps the docs leave are filled with OpenAI's behaviour and marked `assumed`.
 */
import type { Profile } from '../types.js';
import { COMETAPI_ERRORS } from './cometapi-errors.js';
import { COMETAPI_MEANING } from './meaning.js';
import { COMETAPI_REQUEST_RULES } from './request-rules.js';
import { COMET, GAP, OPENAI } from './sources.js';

const envelopeQuote =
  '{"error":{"message":"...","type":"comet_api_error","param":"","code":"invalid_request"}}; "Some responses leave `code` empty."';

export const cometapi: Profile = {
  name: 'cometapi',
  title: 'CometAPI (OpenAI-compatible chat completions)',
  documents: {
    'chat-api-docs': {
      title: 'CometAPI chat API documentation',
      url: 'https://apidoc.cometapi.com/api/text/chat.md',
      purpose: 'Primary source: endpoint, auth, request, response and error contract.',
    },
    'docs-index': {
      title: 'CometAPI documentation index',
      url: 'https://apidoc.cometapi.com/llms.txt',
      purpose: 'Documentation context, related API references, limits and billing.',
    },
    'help-center': {
      title: 'CometAPI help center',
      url: 'https://apidoc.cometapi.com/support/help-center',
      purpose: 'Support and escalation path for contract discrepancies.',
    },
  },
  baseUrl: {
    value: 'https://api.cometapi.com/v1',
    source: COMET.quickstart('OpenAI-compatible base URL `https://api.cometapi.com/v1`'),
    assumed: false,
  },
  chatPath: {
    value: '/chat/completions',
    source: COMET.chat('chat is `POST /v1/chat/completions`'),
    assumed: false,
  },
  modelsPath: {
    value: '/models',
    source: COMET.models('`GET /v1/models` needs auth and returns the OpenAI list shape.'),
    assumed: false,
  },
  baseUrlVariable: {
    value: 'COMETAPI_BASE_URL',
    source: COMET.sdk('`DEFAULT_COMETAPI_BASE_URL`, env `COMETAPI_KEY`, `COMETAPI_BASE_URL`'),
    assumed: false,
  },
  auth: {
    value: { header: 'Authorization', scheme: 'Bearer' },
    source: COMET.chat('auth `Authorization: Bearer $COMETAPI_KEY`'),
    assumed: false,
  },
  requestFields: {
    value: { model: 'model', messages: 'messages', role: 'role', content: 'content', stream: 'stream' },
    source: COMET.legacyChat(
      '`model` string **required**; `messages` array **required** (`role` system|user|assistant, `content` string); `stream` bool optional',
    ),
    assumed: false,
  },
  models: {
    value: [
      { id: 'gpt-4.1-nano', resolved: 'gpt-4.1-nano-2025-04-14', ownedBy: 'openai' },
      { id: 'gpt-5.1', resolved: 'gpt-5.1-2025-11-13', ownedBy: 'openai' },
    ],
    source: COMET.chatOverview(
      'The returned `model` is the resolved upstream id (e.g. `gpt-4.1-nano-2025-04-14`, `gpt-5.1-2025-11-13`)',
    ),
    assumed: false,
    note: 'The aliases are the example ids with the date removed; the catalogue itself is not documented.',
  },
  documentedModels: {
    value: ['gpt-4.1-nano-2025-04-14', 'gpt-5.1-2025-11-13'],
    source: COMET.chatOverview(
      'The returned `model` is the resolved upstream id (e.g. `gpt-4.1-nano-2025-04-14`, `gpt-5.1-2025-11-13`)',
    ),
    assumed: false,
    note: 'The example ids of the documentation, accepted as sent; the catalogue itself is not documented.',
  },
  substituteModel: 'gpt-4o-mini-2024-07-18',
  roles: {
    value: ['system', 'user', 'assistant', 'developer', 'tool'],
    source: COMET.chat(
      'roles `developer` and `tool` (tool messages must carry `tool_call_id`), beside system|user|assistant',
    ),
    assumed: false,
  },
  requestRules: COMETAPI_REQUEST_RULES,
  toolCalls: {
    value: true,
    source: COMET.chat('`tools` with `finish_reason:"tool_calls"` + `message.tool_calls`'),
    assumed: false,
    note: 'When a tool is called follows OpenAI’s `tool_choice` description, which CometAPI does not restate.',
  },
  optionalParameters: {
    value: [
      'stream',
      'temperature',
      'max_tokens',
      'max_completion_tokens',
      'top_p',
      'response_format',
      'tools',
      'reasoning_effort',
    ],
    source: COMET.legacyChat(
      '`stream` bool optional; `temperature` number optional; `max_tokens` integer optional; `top_p` number optional',
    ),
    assumed: false,
  },
  maxTokensField: {
    value: 'max_tokens',
    source: COMET.legacyChat('`max_tokens` integer optional'),
    assumed: false,
  },
  temperatureRange: {
    value: [0, 2],
    source: OPENAI.spec('`temperature` 0–2 default 1 nullable'),
    assumed: true,
    note: 'CometAPI documents no value ranges and says to consult OpenAI’s docs for the rest.',
  },
  topPRange: {
    value: [0, 1],
    source: OPENAI.spec('`top_p` 0–1 default 1 nullable'),
    assumed: true,
    note: 'CometAPI documents no value ranges.',
  },
  finishReasons: {
    value: ['stop', 'length', 'content_filter', 'function_call', 'tool_calls'],
    source: COMET.legacyChat(
      'finish_reason table: `stop`, `length`, `content_filter`, `function_call` (current page adds `tool_calls`)',
    ),
    assumed: false,
  },
  responseFields: {
    value: [
      'id',
      'object',
      'created',
      'model',
      'choices[].index',
      'choices[].message.role',
      'choices[].message.content',
      'choices[].message.refusal',
      'choices[].message.annotations',
      'choices[].logprobs',
      'choices[].finish_reason',
      'usage.prompt_tokens',
      'usage.completion_tokens',
      'usage.total_tokens',
      'usage.prompt_tokens_details.cached_tokens',
      'usage.prompt_tokens_details.audio_tokens',
      'usage.completion_tokens_details.reasoning_tokens',
      'usage.completion_tokens_details.audio_tokens',
      'usage.completion_tokens_details.accepted_prediction_tokens',
      'usage.completion_tokens_details.rejected_prediction_tokens',
      'service_tier',
      'system_fingerprint',
    ],
    source: COMET.chatOverview(
      '`id`, `object` "chat.completion", `created`, `model`, `choices[{index, message{role,content,refusal,annotations}, logprobs, finish_reason}]`, `usage{prompt_tokens,completion_tokens,total_tokens, prompt_tokens_details{cached_tokens,audio_tokens}, completion_tokens_details{reasoning_tokens,audio_tokens,accepted_prediction_tokens,rejected_prediction_tokens}}`, `service_tier`, `system_fingerprint`',
    ),
    assumed: false,
  },
  usageFields: {
    value: ['usage.prompt_tokens', 'usage.completion_tokens', 'usage.total_tokens'],
    source: COMET.chatOverview('`usage{prompt_tokens,completion_tokens,total_tokens, ...}`'),
    assumed: false,
  },
  nullableFields: {
    value: ['choices[].message.content', 'choices[].message.refusal', 'choices[].logprobs'],
    source: OPENAI.spec(
      'Message required: `role`, `content` (string|null), `refusal` (string|null); `logprobs` (nullable)',
    ),
    assumed: true,
    note: 'CometAPI shows example payloads only; nullability follows the OpenAI schema it mirrors.',
  },
  streamDone: {
    value: '[DONE]',
    source: COMET.quickstart('each event is a `chat.completion.chunk`; stream "ends with `data: [DONE]`"'),
    assumed: false,
  },
  streamUsageDocumented: {
    value: false,
    source: COMET.chat('Not documented: `stream_options`/`include_usage`'),
    assumed: false,
  },
  streamUsageChunk: {
    value: true,
    source: GAP('Undocumented (simulate as configurable, mark "assumed"): ... usage-in-stream'),
    assumed: true,
  },
  envelope: {
    value: {
      wrapper: 'error',
      keys: ['message', 'type', 'param', 'code'],
      types: { default: 'comet_api_error' },
      emptyParam: '',
      emptyCode: '',
    },
    source: COMET.errors(envelopeQuote),
    assumed: false,
  },
  requestId: {
    value: {
      kind: 'message-suffix',
      format: ' (request id: {id})',
      pattern: '\\(request id: ([^)]+)\\)',
    },
    source: COMET.errorsMirror(
      'message `"model name is required (request id: ...)"`; "Many live error messages also include a request id inside `error.message`."',
    ),
    assumed: false,
  },
  responseHeaders: {
    value: {},
    source: COMET.rateLimits(
      'Not documented: ... any `x-ratelimit-*` header, `Retry-After`, a request-id response header',
    ),
    assumed: false,
  },
  retryAfter: {
    value: 'none',
    source: COMET.rateLimits('Not documented: ... `Retry-After`'),
    assumed: false,
  },
  wrongPath: {
    value: { kind: 'redirect', location: '/' },
    source: COMET.errors(
      'Wrong base URL or path "may show up as a 301 redirect or HTML, not a clean JSON 404"',
    ),
    assumed: false,
    note: 'The redirect points at the simulator root, which answers with an HTML page (200).',
  },
  bodyLimitBytes: {
    value: 1024 * 1024,
    source: GAP('max body size (413 is only named as "not reproduced")'),
    assumed: true,
  },
  errors: COMETAPI_ERRORS,
  streamError: {
    value: 'data-error-object',
    source: COMET.litellm('handles an in-stream `{"error":{…}}` chunk (status = `error.code`, default 400)'),
    assumed: true,
  },
  support: {
    value: 'support@cometapi.com',
    source: COMET.sdk('Support: support@cometapi.com (cometapi-node README)'),
    assumed: false,
  },
  billingUnits: {
    value: 'tokens (usage.prompt_tokens, usage.completion_tokens)',
    source: COMET.helpCenter('"Enterprise-dedicated lines: 30 million TPM by default"'),
    assumed: true,
    note: 'Billing units are implied by token usage and TPM; prices are not part of the profile.',
  },
  clientPolicy: {
    value: { maxAttempts: 3, timeoutMs: 600_000, maxTotalWaitMs: 10_000 },
    source: OPENAI.node('`maxRetries = options.maxRetries ?? 2`; `static DEFAULT_TIMEOUT = 600000` (10 min)'),
    assumed: true,
    note: 'Local policy: openai-node defaults, which cometapi-node inherits; max total wait is a local choice.',
  },
  meaning: COMETAPI_MEANING,
};
