/**
 * @module simulator/profiles/meaning
 * What each profile's documents say about presence and meaning: which response fields are always there,
 * what fields mean (type, values, range, unit, sums), the media type of each answer, the syntax of the
 * headers, and the stream's rules. What a document does not state is left out, never filled in.
 */
import type { FieldMeaning } from '../../contract/index.js';
import type { ProfileMeaning } from '../types.js';
import { OPENAI_COMPLETION_FIELDS } from './openai-fields.js';
import { COMET, OPENAI } from './sources.js';

const tokens: FieldMeaning = { type: 'integer', minimum: 0, unit: 'tokens' };
const usage = (withSum: boolean): Record<string, FieldMeaning> => ({
  'usage.prompt_tokens': tokens,
  'usage.completion_tokens': tokens,
  'usage.total_tokens': withSum
    ? { ...tokens, sum: ['usage.prompt_tokens', 'usage.completion_tokens'] }
    : tokens,
});

/** `*_tokens_details`: a breakdown of its parent count, so no part exceeds it. */
const details: Record<string, FieldMeaning> = {
  'usage.prompt_tokens_details.cached_tokens': { ...tokens, atMost: 'usage.prompt_tokens' },
  'usage.prompt_tokens_details.audio_tokens': { ...tokens, atMost: 'usage.prompt_tokens' },
  'usage.completion_tokens_details.reasoning_tokens': { ...tokens, atMost: 'usage.completion_tokens' },
  'usage.completion_tokens_details.audio_tokens': { ...tokens, atMost: 'usage.completion_tokens' },
  'usage.completion_tokens_details.accepted_prediction_tokens': {
    ...tokens,
    atMost: 'usage.completion_tokens',
  },
  'usage.completion_tokens_details.rejected_prediction_tokens': {
    ...tokens,
    atMost: 'usage.completion_tokens',
  },
};

const OPENAI_FINISH = ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'];

export const OPENAI_MEANING: ProfileMeaning = {
  fieldPresence: {
    value: {
      required: [...OPENAI_COMPLETION_FIELDS.required],
      optional: [...OPENAI_COMPLETION_FIELDS.optional],
      maps: [...OPENAI_COMPLETION_FIELDS.maps],
    },
    source: OPENAI.spec(
      'CreateChatCompletionResponse required: `id`, `object` = "chat.completion", `created` (unix s), `model`, `choices`; optional `usage`, `service_tier`, `system_fingerprint` (deprecated), `metadata`, `moderation`. Choice required: `index`, `message`, `finish_reason`, `logprobs` (nullable). Message required: `role`="assistant", `content` (string|null), `refusal` (string|null). `CompletionUsage` required `prompt_tokens`, `completion_tokens`, `total_tokens`',
    ),
    assumed: false,
  },
  fieldMeaning: {
    value: {
      json: {
        id: { type: 'string', nonEmpty: true },
        object: { enum: ['chat.completion'] },
        created: { type: 'integer', unit: 'unix-seconds', clock: 'near' },
        model: { type: 'string', nonEmpty: true },
        'choices[].index': { type: 'integer', unit: 'index' },
        'choices[].finish_reason': { enum: OPENAI_FINISH },
        ...usage(true),
        ...details,
      },
      stream: {
        id: { type: 'string', nonEmpty: true },
        object: { enum: ['chat.completion.chunk'] },
        created: { type: 'integer', unit: 'unix-seconds', clock: 'near' },
        model: { type: 'string', nonEmpty: true },
        'choices[].index': { type: 'integer', unit: 'index' },
        'choices[].finish_reason': { enum: OPENAI_FINISH },
        ...usage(true),
        ...details,
      },
      models: {
        object: { enum: ['list'] },
        data: { type: 'array' },
        'data[].id': { type: 'string', nonEmpty: true },
        'data[].object': { enum: ['model'] },
        'data[].created': { type: 'integer', unit: 'unix-seconds', clock: 'past' },
        'data[].owned_by': { type: 'string' },
      },
      error: { 'error.message': { type: 'string' }, 'error.type': { type: 'string' } },
    },
    source: OPENAI.spec(
      '`created`: "The Unix timestamp (in seconds) of when the chat completion was created"; choice `index`: "The index of the choice in the list of choices"; `total_tokens`: "Total number of tokens used in the request (prompt + completion)"; `completion_tokens_details`: "Breakdown of tokens used in a completion", `prompt_tokens_details`: "Breakdown of tokens used in the prompt"; ListModelsResponse `object` enum [list], `data` items Model; `Error` `type` string, `message` string',
    ),
    assumed: false,
  },
  mediaTypes: {
    value: {
      json: 'application/json',
      stream: 'text/event-stream',
      models: 'application/json',
      error: 'application/json',
      errorStatuses: ['429'],
    },
    source: OPENAI.spec(
      '`POST /chat/completions` 200 → `application/json` CreateChatCompletionResponse or `text/event-stream` CreateChatCompletionStreamResponse; `GET /models` 200 `application/json`; TooManyRequests `application/json` ErrorResponse',
    ),
    assumed: false,
    note: 'The document lists one error answer, the 429 (TooManyRequests); the media type of any other error status is observed, not contracted.',
  },
  headers: {
    value: {
      'retry-after': 'seconds',
      'x-request-id': 'token',
      'openai-processing-ms': 'integer',
      'x-ratelimit-limit-requests': 'integer',
      'x-ratelimit-limit-tokens': 'integer',
      'x-ratelimit-remaining-requests': 'integer',
      'x-ratelimit-remaining-tokens': 'integer',
      'x-ratelimit-reset-requests': 'duration',
      'x-ratelimit-reset-tokens': 'duration',
    },
    source: OPENAI.debugging(
      '`x-request-id`; `x-ratelimit-limit-requests|-limit-tokens|-remaining-requests|-remaining-tokens|-reset-requests|-reset-tokens`. Sample values: 60, 150000, 59, 149984, `1s`, `6m0s`; TooManyRequests: header `Retry-After` integer ≥1 s',
    ),
    assumed: false,
  },
  streamRules: {
    value: { sameId: true, finalFinishReason: true, usageChunkNoChoices: true },
    source: OPENAI.spec(
      'chunk `id`: "A unique identifier for the chat completion. Each chunk has the same ID."; `include_usage`: "an additional chunk will be streamed before the `data: [DONE]` message ... the `choices` field will always be an empty array"; choice `finish_reason`: "The reason the model stopped generating tokens"',
    ),
    assumed: false,
    note: 'That the last chunk of each choice carries its `finish_reason` is read from the field’s description; the document does not say it in those words.',
  },
};

export const COMETAPI_MEANING: ProfileMeaning = {
  fieldPresence: {
    value: {
      required: [
        'id',
        'object',
        'created',
        'model',
        'choices',
        'choices[].index',
        'choices[].message',
        'choices[].message.role',
        'choices[].message.content',
        'choices[].finish_reason',
        'usage.prompt_tokens',
        'usage.completion_tokens',
        'usage.total_tokens',
      ],
      optional: [
        'usage',
        'service_tier',
        'system_fingerprint',
        'choices[].logprobs',
        'choices[].message.refusal',
        'choices[].message.annotations',
        'usage.prompt_tokens_details',
        'usage.prompt_tokens_details.cached_tokens',
        'usage.prompt_tokens_details.audio_tokens',
        'usage.completion_tokens_details',
        'usage.completion_tokens_details.reasoning_tokens',
        'usage.completion_tokens_details.audio_tokens',
        'usage.completion_tokens_details.accepted_prediction_tokens',
        'usage.completion_tokens_details.rejected_prediction_tokens',
      ],
    },
    source: COMET.quickstart(
      'OpenAI-compatible base URL `https://api.cometapi.com/v1`; the legacy example omits `logprobs` and has an empty `completion_tokens_details: {}`',
    ),
    assumed: true,
    note: 'CometAPI documents example payloads, not a schema: presence follows the OpenAI schema it says it is compatible with, and what its own legacy example omits is optional.',
  },
  fieldMeaning: {
    value: {
      json: {
        object: { enum: ['chat.completion'] },
        created: { type: 'integer', unit: 'unix-seconds', clock: 'near' },
        'choices[].index': { type: 'integer', unit: 'index' },
        ...usage(false),
      },
      stream: {
        object: { enum: ['chat.completion.chunk'] },
        created: { type: 'integer', unit: 'unix-seconds', clock: 'near' },
      },
      models: {
        object: { enum: ['list'] },
        data: { type: 'array' },
        'data[].id': { type: 'string', nonEmpty: true },
      },
      error: { 'error.message': { type: 'string' }, 'error.type': { enum: ['comet_api_error'] } },
    },
    source: COMET.chatOverview(
      '`id` ("chatcmpl-…"), `object` "chat.completion", `created` (unix s), `choices[{index, message, finish_reason}]`, `usage{prompt_tokens,completion_tokens,total_tokens}`; each stream event is a `chat.completion.chunk`; `GET /v1/models` returns the OpenAI list shape; error `type` is `comet_api_error`',
    ),
    assumed: false,
    note: 'CometAPI states no relation between the usage fields, so none is judged. A chunk is a `chat.completion.chunk` as the completion is a `chat.completion`: its `created` is read in the same unit.',
  },
  mediaTypes: {
    value: { json: 'application/json', stream: 'text/event-stream', models: 'application/json' },
    source: COMET.quickstart('`stream:true` → Server-Sent Events; each event is a `chat.completion.chunk`'),
    assumed: true,
    note: 'Server-Sent Events are documented; the JSON media type is what the example payloads show. Error answers may be HTML (a wrong path), so no media type is stated for errors.',
  },
  headers: {
    value: {},
    source: COMET.rateLimits('No `x-ratelimit-*` header, `Retry-After` or request-id header is documented'),
    assumed: false,
  },
  streamRules: {
    value: {},
    source: COMET.quickstart(
      'stream "ends with `data: [DONE]`"; nothing else about chunk ids or a usage chunk',
    ),
    assumed: false,
  },
};
