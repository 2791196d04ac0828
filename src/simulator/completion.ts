/**
 * @module simulator/completion
 * The successful answer: a deterministic reply for a request and seed, as a JSON body or as stream chunks.
 * Pure: ids, the clock and the seed come in as arguments.
 */
import { findModel } from './models.js';
import { hashString, seededRandom } from './random.js';
import type { Profile } from './types.js';
import type { ChatRequest } from './validate.js';

/** Everything a success answer says, before it is shaped as JSON or as a stream. */
export interface Reply {
  id: string;
  created: number;
  model: string;
  /** The reply split into stream pieces; joined they are the content. */
  pieces: string[];
  finishReason: string;
  /** Choices to answer with (`n`), and whether each carries logprobs. */
  n: number;
  logprobs: boolean;
  /** The tool each choice calls instead of answering in text (`pieces` is then empty). */
  toolCall?: { id: string; name: string; arguments: string };
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const WORDS = [
  'the',
  'contract',
  'holds',
  'simulated',
  'answer',
  'stream',
  'token',
  'review',
  'ledger',
  'evidence',
  'probe',
  'offline',
  'stable',
  'reply',
  'chunk',
  'source',
  'field',
  'usage',
  'model',
  'done',
];
/** The operator review's probe asks for a literal; echo it so probes can check the parser end to end. */
const LITERAL = /Return the literal text:\s*(\S+)/;

/** Plans the reply for a request: same request and seed, same text and token counts. */
export function planReply(
  profile: Profile,
  request: ChatRequest,
  seed: number,
  id: string,
  created: number,
): Reply {
  const last = request.messages.at(-1);
  const lastText = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
  const literal = LITERAL.exec(lastText)?.[1];
  let words: string[];
  if (literal !== undefined) {
    words = [literal];
  } else {
    const random = seededRandom(hashString(lastText, seed));
    const count = 4 + Math.floor(random() * 8);
    words = Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)] ?? 'ok');
  }
  let finishReason = 'stop';
  if (request.toolCall !== undefined) {
    // A call in place of text: `{}` as its arguments, one token per four characters of the call.
    words = [];
    finishReason = 'tool_calls';
  } else if (request.maxTokens !== undefined && words.length > request.maxTokens) {
    words = words.slice(0, request.maxTokens);
    finishReason = 'length';
  }
  const pieces = words.map((word, index) => (index === 0 ? word : ` ${word}`));
  const promptChars = request.messages.reduce(
    (sum, message) => sum + (typeof message.content === 'string' ? message.content.length : 16),
    0,
  );
  // Roughly four characters per token plus a few per message, as tokenizers count.
  const prompt = Math.ceil(promptChars / 4) + 3 * request.messages.length;
  const entry = findModel(profile, request.model);
  const toolCall =
    request.toolCall === undefined
      ? undefined
      : {
          id: `call_${hashString(`${id}:${request.toolCall}`, seed).toString(16)}`,
          name: request.toolCall,
          arguments: '{}',
        };
  const completion = toolCall ? Math.ceil((toolCall.name.length + 2) / 4) : words.length;
  return {
    id,
    created,
    model: entry?.resolved ?? request.model,
    pieces,
    finishReason,
    n: request.n,
    logprobs: request.logprobs,
    ...(toolCall ? { toolCall } : {}),
    // Every choice's tokens count, as the API bills them.
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion * request.n,
      total_tokens: prompt + completion * request.n,
    },
  };
}

type Json = Record<string, unknown>;

/** One token's logprobs entry, with its UTF-8 bytes, as the API sends it. */
function tokenLogprob(token: string): Json {
  return { token, logprob: -0.0001, bytes: [...Buffer.from(token, 'utf8')], top_logprobs: [] };
}

/** A choice's `logprobs` object for `pieces`: one entry per token (none for a stream's role chunk). */
function logprobsObject(pieces: readonly string[]): Json {
  return { content: pieces.map(tokenLogprob), refusal: null };
}

/** The `chat.completion` object. */
export function completionObject(reply: Reply): Json {
  return {
    id: reply.id,
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: Array.from({ length: reply.n }, (_, index) => ({
      index,
      message: reply.toolCall
        ? {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: reply.toolCall.id,
                type: 'function',
                function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments },
              },
            ],
            annotations: [],
          }
        : { role: 'assistant', content: reply.pieces.join(''), refusal: null, annotations: [] },
      logprobs: reply.logprobs ? logprobsObject(reply.pieces) : null,
      finish_reason: reply.finishReason,
    })),
    usage: { ...reply.usage },
    service_tier: 'default',
    system_fingerprint: 'fp_chatproof_sim',
  };
}

/**
 * The `chat.completion.chunk` objects of a stream, one choice per chunk: each choice's role chunk, then its
 * pieces choice by choice, then each choice's finish, and the usage chunk last when asked for. With `logprobs`,
 * each content chunk carries its token's entry and the role chunk an empty one, as the API streams them.
 */
export function streamChunks(reply: Reply, includeUsage: boolean): Json[] {
  const chunk = (index: number, delta: Json, logprobs: Json | null, finishReason: string | null): Json => {
    const out: Json = {
      id: reply.id,
      object: 'chat.completion.chunk',
      created: reply.created,
      model: reply.model,
      system_fingerprint: 'fp_chatproof_sim',
      choices: [{ index, delta, logprobs, finish_reason: finishReason }],
    };
    if (includeUsage) out.usage = null;
    return out;
  };
  const indexes = Array.from({ length: reply.n }, (_, index) => index);
  const logprobs = (pieces: readonly string[]) => (reply.logprobs ? logprobsObject(pieces) : null);
  const call = reply.toolCall;
  // A call streams its id and name first, then its arguments, as the API streams `delta.tool_calls`.
  const first: Json = call
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
        ],
        refusal: null,
      }
    : { role: 'assistant', content: '', refusal: null };
  const chunks = indexes.map((index) => chunk(index, first, logprobs([]), null));
  if (call) {
    const delta = { tool_calls: [{ index: 0, function: { arguments: call.arguments } }] };
    for (const index of indexes) chunks.push(chunk(index, delta, null, null));
  }
  for (const piece of reply.pieces) {
    for (const index of indexes) chunks.push(chunk(index, { content: piece }, logprobs([piece]), null));
  }
  for (const index of indexes) chunks.push(chunk(index, {}, null, reply.finishReason));
  if (includeUsage) {
    chunks.push({
      id: reply.id,
      object: 'chat.completion.chunk',
      created: reply.created,
      model: reply.model,
      system_fingerprint: 'fp_chatproof_sim',
      choices: [],
      usage: { ...reply.usage },
    });
  }
  return chunks;
}

/** One server-sent event carrying `data`. */
export function sseEvent(data: string): string {
  return `data: ${data}\n\n`;
}

/**
 * The same events `streamChunks` gives, serialised without building objects for the common single-choice
 * answer: the hot path when no drift changes the chunks. A test holds the two byte-identical.
 */
export function streamEvents(reply: Reply, includeUsage: boolean): string[] {
  if (reply.n !== 1 || reply.logprobs || reply.toolCall) {
    return streamChunks(reply, includeUsage).map((chunk) => sseEvent(JSON.stringify(chunk)));
  }
  const head = `{"id":${JSON.stringify(reply.id)},"object":"chat.completion.chunk","created":${reply.created},"model":${JSON.stringify(reply.model)},"system_fingerprint":"fp_chatproof_sim","choices":`;
  const tail = includeUsage ? ',"usage":null}' : '}';
  const choice = (delta: string, finish: string) =>
    `data: ${head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]${tail}\n\n`;
  const events = [choice('{"role":"assistant","content":"","refusal":null}', 'null')];
  for (const piece of reply.pieces) events.push(choice(`{"content":${JSON.stringify(piece)}}`, 'null'));
  events.push(choice('{}', JSON.stringify(reply.finishReason)));
  if (includeUsage) events.push(`data: ${head}[],"usage":${JSON.stringify(reply.usage)}}\n\n`);
  return events;
}
