/**
 * @module simulator/profiles/openai
 * OpenAI's chat completions as the OpenAPI document and the API reference describe them: `ErrorResponse`
 * with all four keys, `x-request-id`, the `x-ratelimit-*` headers. What the spec leaves out (error statuses
 * other than 429, messages, the body limit) is marked `assumed`.
 */
import type { Profile } from '../types.js';
import { cometapi } from './cometapi.js';
import { OPENAI_MEANING } from './meaning.js';
import { OPENAI_ERRORS } from './openai-errors.js';
import { OPENAI_COMPLETION_FIELDS } from './openai-fields.js';
import { OPENAI_DOCUMENTED_MODELS } from './openai-models.js';
import { OPENAI_REQUEST_RULES } from './request-rules.js';
import { GAP, OPENAI } from './sources.js';

export const openai: Profile = {
  name: 'openai',
  title: 'OpenAI chat completions (openai-openapi)',
  documents: {
    'chat-api-docs': {
      title: 'OpenAI OpenAPI document',
      url: 'https://github.com/openai/openai-openapi',
      purpose: 'Primary source: endpoint, auth, request, response and error contract.',
    },
    'docs-index': {
      title: 'OpenAI API reference overview',
      url: 'https://developers.openai.com/api/reference/overview',
      purpose: 'Documentation context, headers, limits.',
    },
    'help-center': {
      title: 'OpenAI error codes guide',
      url: 'https://developers.openai.com/docs/guides/error-codes',
      purpose: 'Error meanings and what to do about them.',
    },
  },
  baseUrl: {
    value: 'https://api.openai.com/v1',
    source: OPENAI.spec('server `https://api.openai.com/v1`'),
    assumed: false,
  },
  chatPath: {
    value: '/chat/completions',
    source: OPENAI.spec('`POST /chat/completions` (`createChatCompletion`)'),
    assumed: false,
  },
  modelsPath: {
    value: '/models',
    source: OPENAI.spec('`GET /models` (listModels)'),
    assumed: true,
    note: 'The reference pack records the chat operation only; the model list path is the SDK’s `models.list`.',
  },
  baseUrlVariable: {
    value: 'OPENAI_BASE_URL',
    source: OPENAI.node("baseURL defaults to `readEnv('OPENAI_BASE_URL')`"),
    assumed: false,
  },
  auth: {
    value: { header: 'Authorization', scheme: 'Bearer' },
    source: OPENAI.spec('security `ApiKeyAuth` = HTTP bearer'),
    assumed: false,
  },
  requestFields: {
    value: { model: 'model', messages: 'messages', role: 'role', content: 'content', stream: 'stream' },
    source: OPENAI.spec(
      '**CreateChatCompletionRequest** (allOf) required: `model`, `messages` (minItems 1; oneOf by `role`); `stream` default false',
    ),
    assumed: false,
  },
  models: {
    value: [
      { id: 'gpt-4o-mini', resolved: 'gpt-4o-mini', ownedBy: 'system' },
      { id: 'gpt-4.1-nano', resolved: 'gpt-4.1-nano', ownedBy: 'system' },
    ],
    source: OPENAI.spec(
      'CreateChatCompletionResponse required: `id`, `object`, `created`, `model`, `choices`',
    ),
    assumed: true,
    note: 'The model catalogue is account-specific; the simulator serves two common ids and echoes them as sent.',
  },
  documentedModels: {
    value: OPENAI_DOCUMENTED_MODELS,
    source: OPENAI.spec(
      'CreateChatCompletionRequest `model`: `ModelIdsShared` (`example: gpt-5.4`; anyOf string | enum gpt-5.6-sol … gpt-3.5-turbo-16k-0613)',
    ),
    assumed: false,
    note: 'The document accepts any string; the simulator serves the ids it lists and answers 404 for the rest.',
  },
  substituteModel: 'gpt-3.5-turbo-0125',
  roles: {
    value: ['developer', 'system', 'user', 'assistant', 'tool', 'function'],
    source: OPENAI.spec(
      '`messages` (minItems 1; oneOf by `role`: developer|system|user|assistant|tool|function)',
    ),
    assumed: false,
  },
  requestRules: OPENAI_REQUEST_RULES,
  toolCalls: {
    value: true,
    source: OPENAI.spec(
      'ChatCompletionToolChoiceOption: "`none` means the model will not call any tool and instead generates a message. `auto` means the model can pick between generating a message or calling one or more tools. `required` means the model must call one or more tools." "`auto` is the default if tools are present."',
    ),
    assumed: false,
    note: 'Under `auto` the simulator calls the first tool when the last turn is the user’s, and answers in text after the tool’s result.',
  },
  optionalParameters: {
    value: [
      'temperature',
      'top_p',
      'max_completion_tokens',
      'max_tokens',
      'n',
      'stream',
      'stream_options',
      'stop',
      'tools',
      'tool_choice',
      'parallel_tool_calls',
      'response_format',
      'frequency_penalty',
      'presence_penalty',
      'logprobs',
      'top_logprobs',
      'logit_bias',
      'seed',
      'user',
      'reasoning_effort',
      'store',
      'metadata',
      'service_tier',
    ],
    source: OPENAI.spec(
      'Optional: `temperature` ...; `top_p` ...; `max_completion_tokens` nullable; ... `stream_options{include_usage, include_obfuscation}`',
    ),
    assumed: false,
  },
  maxTokensField: {
    value: 'max_completion_tokens',
    source: OPENAI.spec('`max_completion_tokens` nullable; `max_tokens` **deprecated**'),
    assumed: false,
  },
  temperatureRange: {
    value: [0, 2],
    source: OPENAI.spec('`temperature` 0–2 default 1 nullable'),
    assumed: false,
  },
  topPRange: {
    value: [0, 1],
    source: OPENAI.spec('`top_p` 0–1 default 1 nullable'),
    assumed: false,
  },
  finishReasons: {
    value: ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'],
    source: OPENAI.spec('`finish_reason` (enum stop|length|tool_calls|content_filter|function_call)'),
    assumed: false,
  },
  responseFields: {
    value: [...OPENAI_COMPLETION_FIELDS.required, ...OPENAI_COMPLETION_FIELDS.optional],
    source: OPENAI.spec(
      'CreateChatCompletionResponse required: `id`, `object` = "chat.completion", `created` (unix s), `model`, `choices`; optional `usage`, `service_tier`, `system_fingerprint`, `metadata`, `moderation`; every nested field of `choices[].message`, `choices[].logprobs`, `usage` and `moderation` as the schema lists it',
    ),
    assumed: false,
  },
  usageFields: {
    value: ['usage.prompt_tokens', 'usage.completion_tokens', 'usage.total_tokens'],
    source: OPENAI.spec('`CompletionUsage` required `prompt_tokens`, `completion_tokens`, `total_tokens`'),
    assumed: false,
  },
  nullableFields: {
    value: OPENAI_COMPLETION_FIELDS.nullable,
    source: OPENAI.spec(
      'Message required: `role`="assistant", `content` (string|null), `refusal` (string|null); `logprobs` (nullable); every field whose schema admits null',
    ),
    assumed: false,
  },
  streamDone: {
    value: '[DONE]',
    source: OPENAI.spec(
      'a final extra chunk has `usage` and `choices: []`, sent "before the `data: [DONE]` message"',
    ),
    assumed: false,
  },
  streamUsageDocumented: {
    value: true,
    source: OPENAI.spec(
      '`usage` nullable and present only with `include_usage` — then a final extra chunk has `usage` and `choices: []`',
    ),
    assumed: false,
  },
  streamUsageChunk: {
    value: true,
    source: OPENAI.spec('a final extra chunk has `usage` and `choices: []`'),
    assumed: false,
  },
  envelope: {
    value: {
      wrapper: 'error',
      keys: ['message', 'type', 'param', 'code'],
      types: {
        default: 'invalid_request_error',
        '401': 'invalid_request_error',
        '429': 'requests',
        '500': 'server_error',
        '502': 'server_error',
        '503': 'service_unavailable_error',
        '504': 'server_error',
        '524': 'server_error',
      },
      emptyParam: null,
      emptyCode: null,
    },
    source: OPENAI.spec(
      '`ErrorResponse{error}` (required), the body of the chat operation’s one documented error answer, `TooManyRequests` (429) → `Error` required **all four** keys: `type` string, `message` string, `param` string|null, `code` string|null',
    ),
    assumed: false,
    note: 'The keys are documented for the 429; the simulator answers every error status with the same envelope, and the `type` values per status are assumed.',
  },
  requestId: {
    value: { kind: 'header', header: 'x-request-id' },
    source: OPENAI.debugging(
      '`openai-organization`, `openai-processing-ms`, `openai-version` (2020-10-01), `x-request-id`',
    ),
    assumed: false,
  },
  responseHeaders: {
    value: {
      'openai-version': '2020-10-01',
      'openai-processing-ms': '12',
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    },
    source: OPENAI.debugging(
      '`x-ratelimit-limit-requests|-limit-tokens|-remaining-requests|-remaining-tokens|-reset-requests|-reset-tokens`. Sample values: 60, 150000, 59, 149984, `1s`, `6m0s`',
    ),
    assumed: false,
    note: 'Fixed sample values; the real headers count down and can be absent.',
  },
  retryAfter: {
    value: 'retry-after',
    source: OPENAI.spec(
      '`components.responses.TooManyRequests`: header `Retry-After` integer ≥1 s, "may be omitted"',
    ),
    assumed: false,
  },
  wrongPath: {
    value: { kind: 'json', status: 404 },
    source: GAP('Wrong path behaviour is not in the OpenAPI document'),
    assumed: true,
  },
  bodyLimitBytes: {
    value: 1024 * 1024,
    source: GAP('max body size'),
    assumed: true,
  },
  errors: OPENAI_ERRORS,
  streamError: {
    value: 'data-error-object',
    source: OPENAI.node('an SSE `event: error` or a data object with `error` throws `APIError`'),
    assumed: true,
  },
  support: {
    value: 'https://help.openai.com',
    source: OPENAI.overview('Help and support (help.openai.com)'),
    assumed: true,
  },
  billingUnits: {
    value: 'tokens (usage.prompt_tokens, usage.completion_tokens)',
    source: OPENAI.spec('`CompletionUsage` required `prompt_tokens`, `completion_tokens`, `total_tokens`'),
    assumed: true,
  },
  clientPolicy: cometapi.clientPolicy,
  meaning: OPENAI_MEANING,
};
