/**
 * @module simulator/schemas
 * JSON Schemas of a completion and a stream chunk, as both profiles document them (OpenAI's
 * `CreateChatCompletionResponse` / `…StreamResponse`; CometAPI's example payloads have the same shape). The
 * profile ledger attaches them so a probe can judge types, not only presence. Extra fields are allowed here:
 * undocumented fields are judged against `response.fields`, not rejected by the schema.
 */

const nullableString = { type: ['string', 'null'] };
// Integers, as the document types them; it sets no minimum. That a count is not negative is a meaning check
// (`response.field-meaning`), judged once there with its source, not a second time here.
const count = { type: 'integer' };
const counts = (...names: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(names.map((name) => [name, count])),
});

// Optional members as OpenAI's document lists them (`CompletionUsage`, `ChatCompletionMessageToolCall`,
// `ChatCompletionTokenLogprob`, annotations); CometAPI's example payloads show the same names.
const usage = {
  type: 'object',
  required: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
  properties: {
    prompt_tokens: count,
    completion_tokens: count,
    total_tokens: count,
    prompt_tokens_details: counts('cached_tokens', 'audio_tokens'),
    completion_tokens_details: counts(
      'reasoning_tokens',
      'audio_tokens',
      'accepted_prediction_tokens',
      'rejected_prediction_tokens',
    ),
  },
};

const functionCall = {
  type: 'object',
  properties: { name: { type: 'string' }, arguments: { type: 'string' } },
};
const toolCall = {
  type: 'object',
  required: ['id', 'type'],
  properties: { id: { type: 'string' }, type: { type: 'string' }, function: functionCall },
};
const deltaToolCall = {
  type: 'object',
  required: ['index'],
  properties: { index: count, id: { type: 'string' }, type: { type: 'string' }, function: functionCall },
};
const tokenLogprob = {
  type: 'object',
  properties: {
    token: { type: 'string' },
    logprob: { type: 'number' },
    bytes: { type: ['array', 'null'], items: { type: 'integer' } },
    top_logprobs: { type: 'array', items: { type: 'object' } },
  },
};
const logprobs = {
  type: ['object', 'null'],
  properties: {
    content: { type: ['array', 'null'], items: tokenLogprob },
    refusal: { type: ['array', 'null'], items: tokenLogprob },
  },
};

/** The fields every completion and chunk carries, with `object` fixed and the given choice item schema. */
function envelope(object: string, choice: Record<string, unknown>, usageSchema: unknown) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['id', 'object', 'created', 'model', 'choices'],
    properties: {
      id: { type: 'string' },
      object: { const: object },
      created: { type: 'integer' },
      model: { type: 'string' },
      choices: { type: 'array', items: choice },
      usage: usageSchema,
      service_tier: nullableString,
      system_fingerprint: { type: 'string' },
    },
  };
}

/** A non-streaming chat completion. */
export const COMPLETION_SCHEMA = envelope(
  'chat.completion',
  {
    type: 'object',
    required: ['index', 'message', 'finish_reason'],
    properties: {
      index: { type: 'integer' },
      message: {
        type: 'object',
        required: ['role', 'content'],
        properties: {
          role: { const: 'assistant' },
          content: nullableString,
          refusal: nullableString,
          tool_calls: { type: 'array', items: toolCall },
          annotations: { type: 'array', items: { type: 'object' } },
          audio: { type: ['object', 'null'] },
          function_call: functionCall,
        },
      },
      logprobs,
      finish_reason: { type: 'string' },
    },
  },
  usage,
);

/** One `chat.completion.chunk` of a stream (the usage chunk has `choices: []` and `usage`). */
export const CHUNK_SCHEMA = envelope(
  'chat.completion.chunk',
  {
    type: 'object',
    required: ['index', 'delta'],
    properties: {
      index: { type: 'integer' },
      delta: {
        type: 'object',
        properties: {
          role: { type: 'string' },
          content: nullableString,
          refusal: nullableString,
          tool_calls: { type: 'array', items: deltaToolCall },
          function_call: functionCall,
        },
      },
      logprobs,
      finish_reason: nullableString,
    },
  },
  { anyOf: [usage, { type: 'null' }] },
);
