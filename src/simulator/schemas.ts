/**
 * @module simulator/schemas
 * JSON Schemas of a completion and a stream chunk, as both profiles document them (OpenAI's
 * `CreateChatCompletionResponse` / `…StreamResponse`; CometAPI's example payloads have the same shape). The
 * profile ledger attaches them so a probe can judge types, not only presence. Extra fields are allowed here:
 * undocumented fields are judged against `response.fields`, not rejected by the schema.
 */

const nullableString = { type: ['string', 'null'] };

const usage = {
  type: 'object',
  required: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
  properties: {
    prompt_tokens: { type: 'integer', minimum: 0 },
    completion_tokens: { type: 'integer', minimum: 0 },
    total_tokens: { type: 'integer', minimum: 0 },
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
        properties: { role: { const: 'assistant' }, content: nullableString, refusal: nullableString },
      },
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
      delta: { type: 'object', properties: { role: { type: 'string' }, content: nullableString } },
      finish_reason: nullableString,
    },
  },
  { anyOf: [usage, { type: 'null' }] },
);
