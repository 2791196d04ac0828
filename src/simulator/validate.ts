/**
 * @module simulator/validate
 * Request validation like the real API: every problem becomes the profile's 4xx, never an exception. Pure.
 */
import type { ErrorSpec, Profile } from './types.js';

/** A chat request the simulator accepted. `model` is without any `+fault=` suffix. */
export interface ChatRequest {
  model: string;
  messages: readonly { role: string; content: unknown }[];
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | undefined;
  /** How many choices to answer with (`n`, default 1). */
  n: number;
  /** `logprobs: true`: each choice carries a logprobs object. */
  logprobs: boolean;
}

export type Validation = { ok: true; request: ChatRequest } | { ok: false; error: ErrorSpec };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a parsed body. `model` is the id with the fault suffix already removed. */
export function validateChat(profile: Profile, body: unknown, model: unknown): Validation {
  const invalid = (message: string, param: string | null = null): Validation => ({
    ok: false,
    error: {
      ...profile.errors.invalidRequest.value,
      message,
      param: param ?? profile.envelope.value.emptyParam,
    },
  });
  if (!isObject(body)) return invalid('request body must be a JSON object');
  if (model === undefined || model === null || model === '') {
    return { ok: false, error: { ...profile.errors.missingModel.value } };
  }
  if (typeof model !== 'string') return invalid('`model` must be a string', 'model');
  const messages = body.messages;
  if (!Array.isArray(messages)) return invalid('`messages` must be an array of messages', 'messages');
  if (messages.length === 0) return invalid('`messages` must contain at least one message', 'messages');
  const roles = profile.roles.value;
  for (const [index, message] of messages.entries()) {
    const param = `messages[${index}]`;
    if (!isObject(message)) return invalid(`${param} must be an object`, param);
    if (typeof message.role !== 'string') return invalid(`${param}.role must be a string`, `${param}.role`);
    if (!roles.includes(message.role)) {
      return invalid(
        `${param}.role \`${message.role.slice(0, 40)}\` is not one of ${roles.join(', ')}`,
        `${param}.role`,
      );
    }
    const content = message.content;
    // An assistant turn that called tools may carry no content at all; a legacy `function` turn may be null.
    const toolCalls = message.role === 'assistant' && Array.isArray(message.tool_calls);
    const contentOk =
      typeof content === 'string' ||
      (Array.isArray(content) && content.every(isObject)) ||
      (content === null && (message.role === 'assistant' || message.role === 'function')) ||
      (content === undefined && toolCalls);
    if (!contentOk)
      return invalid(`${param}.content must be a string or an array of parts`, `${param}.content`);
    if (message.role === 'tool' && typeof message.tool_call_id !== 'string') {
      return invalid(`${param}.tool_call_id is required for tool messages`, `${param}.tool_call_id`);
    }
  }
  const range = (field: string, [min, max]: readonly [number, number]): Validation | undefined => {
    const value = body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      return invalid(`\`${field}\` must be a number`, field);
    if (value < min || value > max) return invalid(`\`${field}\` must be between ${min} and ${max}`, field);
    return undefined;
  };
  const rangeError =
    range('temperature', profile.temperatureRange.value) ?? range('top_p', profile.topPRange.value);
  if (rangeError) return rangeError;
  let maxTokens: number | undefined;
  for (const field of ['max_tokens', 'max_completion_tokens']) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    // 0 is accepted as the API does: an answer with no completion tokens, cut for length.
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return invalid(`\`${field}\` must be a non-negative integer`, field);
    }
    maxTokens = value;
  }
  const n = body.n;
  if (n !== undefined && n !== null && (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 128)) {
    return invalid('`n` must be an integer between 1 and 128', 'n');
  }
  const logprobs = body.logprobs;
  if (logprobs !== undefined && logprobs !== null && typeof logprobs !== 'boolean') {
    return invalid('`logprobs` must be a boolean', 'logprobs');
  }
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    return invalid('`stream` must be a boolean', 'stream');
  }
  const options = body.stream_options;
  let includeUsage = false;
  if (options !== undefined && options !== null) {
    if (!isObject(options)) return invalid('`stream_options` must be an object', 'stream_options');
    if (stream !== true)
      return invalid('`stream_options` is only allowed when `stream` is true', 'stream_options');
    if (options.include_usage !== undefined && typeof options.include_usage !== 'boolean') {
      return invalid('`stream_options.include_usage` must be a boolean', 'stream_options.include_usage');
    }
    includeUsage = options.include_usage === true;
  }
  if (!profile.models.value.some((entry) => entry.id === model || entry.resolved === model)) {
    const spec = profile.errors.unknownModel.value;
    return { ok: false, error: { ...spec, message: `${spec.message}: ${model.slice(0, 80)}` } };
  }
  return {
    ok: true,
    request: {
      model,
      messages: messages as ChatRequest['messages'],
      stream: stream === true,
      includeUsage,
      maxTokens,
      n: typeof n === 'number' ? n : 1,
      logprobs: logprobs === true,
    },
  };
}
