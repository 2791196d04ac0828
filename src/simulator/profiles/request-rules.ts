/**
 * @module simulator/profiles/request-rules
 * Every rule the simulator's request validation enforces, with the passage it rests on. A request no rule
 * refuses is accepted: what no document states is never invented as a refusal.
 */
import type { RequestRules } from '../types.js';
import { COMET, GAP, OPENAI } from './sources.js';

export const OPENAI_REQUEST_RULES: RequestRules = {
  'body-object': OPENAI.spec(
    '`POST /chat/completions` requestBody `application/json` CreateChatCompletionRequest (an object)',
  ),
  'model-string': OPENAI.spec(
    'CreateChatCompletionRequest required `model`: `ModelIdsShared` (anyOf string | enum)',
  ),
  // The document accepts any string as a model id; which ids an account may use it does not say.
  'model-known': GAP(
    'an id the profile neither serves nor documents: 404 `model_not_found` (not in the reference pack)',
  ),
  'messages-array': OPENAI.spec(
    'required `messages`: `type: array`, `minItems: 1`, items ChatCompletionRequestMessage',
  ),
  'message-role': OPENAI.spec(
    'ChatCompletionRequestMessage oneOf by `role`: developer|system|user|assistant|tool|function',
  ),
  'message-content': OPENAI.spec(
    'developer/system/user/tool messages require `content` (string or array of parts); assistant `content` (string|array|null): "Required unless `tool_calls` or `function_call` is specified"; function `content` string|null',
  ),
  'tool-call-id': OPENAI.spec('ChatCompletionRequestToolMessage required: `role`, `content`, `tool_call_id`'),
  'token-limit-integer': OPENAI.spec(
    '`max_completion_tokens` integer nullable; `max_tokens` integer nullable, deprecated (no minimum)',
  ),
  'n-range': OPENAI.spec('`n` integer, minimum 1, maximum 128, default 1, nullable'),
  'logprobs-boolean': OPENAI.spec('`logprobs` boolean, default false, nullable'),
  'stream-boolean': OPENAI.spec('`stream` boolean, default false, nullable'),
  'stream-options-object': OPENAI.spec(
    'ChatCompletionStreamOptions anyOf object{include_usage boolean, include_obfuscation boolean} | null: "Only set this when you set `stream: true`" (advice to the client, no refusal stated)',
  ),
};

export const COMETAPI_REQUEST_RULES: RequestRules = {
  ...OPENAI_REQUEST_RULES,
  'model-string': COMET.legacyChat('`model` string **required**'),
  'model-known': COMET.textZh('404 | check base URL, path, model id | No (fix first)'),
  'messages-array': COMET.legacyChat('`messages` array **required**'),
  'tool-call-id': COMET.chat('roles `developer` and `tool` (tool messages must carry `tool_call_id`)'),
};
