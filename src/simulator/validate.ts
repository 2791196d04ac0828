/**
 * @module simulator/validate
 * Request validation like the real API: every problem becomes the profile's 4xx, never an exception. Pure.
 */
import { findModel } from './models.js';
import { toolToCall } from './tools.js';
import type { ErrorSpec, Profile, RequestRule } from './types.js';

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
  /** The function each choice calls (`tools` and `tool_choice`), when the answer is a tool call. */
  toolCall?: string;
}

/** The profile field a refusal rests on: a request rule, or one of the documented ranges. */
export type RefusalBasis = RequestRule | 'temperatureRange' | 'topPRange';

export type Validation =
  | { ok: true; request: ChatRequest }
  | { ok: false; error: ErrorSpec; rule: RefusalBasis };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toolCallOf(profile: Profile, body: Json, messages: unknown[]): { toolCall?: string } {
  if (!profile.toolCalls.value) return {};
  const last = messages.at(-1);
  const name = toolToCall(body, isObject(last) && typeof last.role === 'string' ? last.role : undefined);
  return name === undefined ? {} : { toolCall: name };
}

/**
 * Validates a parsed body. `model` is the id with the fault suffix already removed. Each refusal names the rule
 * it follows (`profile.requestRules` holds its source); a request no rule refuses is accepted.
 */
export function validateChat(profile: Profile, body: unknown, model: unknown): Validation {
  const invalid = (rule: RefusalBasis, message: string, param: string | null = null): Validation => ({
    ok: false,
    rule,
    error: {
      ...profile.errors.invalidRequest.value,
      message,
      param: param ?? profile.envelope.value.emptyParam,
    },
  });
  if (!isObject(body)) return invalid('body-object', 'request body must be a JSON object');
  if (model === undefined || model === null || model === '') {
    return { ok: false, rule: 'model-string', error: { ...profile.errors.missingModel.value } };
  }
  if (typeof model !== 'string') return invalid('model-string', '`model` must be a string', 'model');
  const messages = body.messages;
  if (!Array.isArray(messages))
    return invalid('messages-array', '`messages` must be an array of messages', 'messages');
  if (messages.length === 0)
    return invalid('messages-array', '`messages` must contain at least one message', 'messages');
  const roles = profile.roles.value;
  for (const [index, message] of messages.entries()) {
    const param = `messages[${index}]`;
    if (!isObject(message)) return invalid('messages-array', `${param} must be an object`, param);
    if (typeof message.role !== 'string')
      return invalid('message-role', `${param}.role must be a string`, `${param}.role`);
    if (!roles.includes(message.role)) {
      return invalid(
        'message-role',
        `${param}.role \`${message.role.slice(0, 40)}\` is not one of ${roles.join(', ')}`,
        `${param}.role`,
      );
    }
    const content = message.content;
    // An assistant turn that called a tool or a function may carry no content at all; `function` may be null.
    const called =
      message.role === 'assistant' && (Array.isArray(message.tool_calls) || isObject(message.function_call));
    const contentOk =
      typeof content === 'string' ||
      (Array.isArray(content) && content.every(isObject)) ||
      (content === null && (message.role === 'assistant' || message.role === 'function')) ||
      (content === undefined && called);
    if (!contentOk)
      return invalid(
        'message-content',
        `${param}.content must be a string or an array of parts`,
        `${param}.content`,
      );
    if (message.role === 'tool' && typeof message.tool_call_id !== 'string') {
      return invalid(
        'tool-call-id',
        `${param}.tool_call_id is required for tool messages`,
        `${param}.tool_call_id`,
      );
    }
  }
  const range = (field: string, basis: 'temperatureRange' | 'topPRange'): Validation | undefined => {
    const value = body[field];
    const [min, max] = profile[basis].value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      return invalid(basis, `\`${field}\` must be a number`, field);
    if (value < min || value > max)
      return invalid(basis, `\`${field}\` must be between ${min} and ${max}`, field);
    return undefined;
  };
  const rangeError = range('temperature', 'temperatureRange') ?? range('top_p', 'topPRange');
  if (rangeError) return rangeError;
  let maxTokens: number | undefined;
  for (const field of ['max_tokens', 'max_completion_tokens']) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    // An integer, as documented; no document sets a minimum, so 0 or below is an answer with no completion
    // tokens, cut for length.
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return invalid('token-limit-integer', `\`${field}\` must be an integer`, field);
    }
    maxTokens = Math.max(0, value);
  }
  const n = body.n;
  if (n !== undefined && n !== null && (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 128)) {
    return invalid('n-range', '`n` must be an integer between 1 and 128', 'n');
  }
  const logprobs = body.logprobs;
  if (logprobs !== undefined && logprobs !== null && typeof logprobs !== 'boolean') {
    return invalid('logprobs-boolean', '`logprobs` must be a boolean', 'logprobs');
  }
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    return invalid('stream-boolean', '`stream` must be a boolean', 'stream');
  }
  const options = body.stream_options;
  let includeUsage = false;
  if (options !== undefined && options !== null) {
    if (!isObject(options))
      return invalid('stream-options-object', '`stream_options` must be an object', 'stream_options');
    if (options.include_usage !== undefined && typeof options.include_usage !== 'boolean') {
      return invalid(
        'stream-options-object',
        '`stream_options.include_usage` must be a boolean',
        'stream_options.include_usage',
      );
    }
    // Without `stream: true` the options are ignored: the document advises against sending them, nothing more.
    includeUsage = stream === true && options.include_usage === true;
  }
  if (!findModel(profile, model)) {
    const spec = profile.errors.unknownModel.value;
    return {
      ok: false,
      rule: 'model-known',
      error: { ...spec, message: `${spec.message}: ${model.slice(0, 80)}` },
    };
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
      ...toolCallOf(profile, body, messages),
    },
  };
}
