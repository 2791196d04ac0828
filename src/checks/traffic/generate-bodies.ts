/**
 * @module checks/traffic/generate-bodies
 * The generator's bodies and requests: completions, event streams, error envelopes and chat requests in the
 * `openai` profile's shapes, every varying part drawn from the seeded random source.
 */
import type { Random } from '../../simulator/index.js';
import { hex } from '../../simulator/random.js';

export const OTHER_MODEL = 'gpt-4o';
export const BASE = 'https://api.openai.example/v1';

export interface Side {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyEncoding?: 'base64';
}
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyEncoding?: 'base64';
}

const WORDS =
  'the contract holds answer stream token review ledger evidence probe offline stable reply chunk source field usage model done'.split(
    ' ',
  );

/**
 * When the generated HAR says each exchange started (2026-12-01T00:00:00Z): a completion is made within the ten
 * minutes before, well inside the tolerance its `created` is judged with.
 */
const CAPTURED_S = 1796083200;

function words(random: Random, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

export function completion(
  random: Random,
  model: string,
  finish = 'stop',
  drop?: 'usage',
): Record<string, unknown> {
  const content = words(random, 3 + Math.floor(random() * 20));
  const prompt = 10 + Math.floor(random() * 200);
  const completionTokens = content.split(' ').length;
  const body: Record<string, unknown> = {
    id: `chatcmpl-${hex(random, 24)}`,
    object: 'chat.completion',
    created: CAPTURED_S - Math.floor(random() * 600),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: finish,
      },
    ],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
    },
    service_tier: 'default',
    system_fingerprint: 'fp_generated',
  };
  if (drop === 'usage') delete body.usage;
  return body;
}

export function streamBody(
  random: Random,
  model: string,
  usage: boolean,
  end: 'done' | 'no-done' | 'cut',
  usageChunk = usage,
): string {
  const id = `chatcmpl-${hex(random, 24)}`;
  const created = CAPTURED_S - Math.floor(random() * 600);
  const head = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_generated' };
  const chunk = (delta: unknown, finish: string | null) =>
    `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(usage ? { usage: null } : {}) })}\n\n`;
  const pieces = words(random, 3 + Math.floor(random() * 12)).split(' ');
  let out = chunk({ role: 'assistant', content: '', refusal: null }, null);
  for (const [i, piece] of pieces.entries()) out += chunk({ content: i === 0 ? piece : ` ${piece}` }, null);
  if (end === 'cut') return out;
  out += chunk({}, 'stop');
  if (usageChunk) {
    const prompt = 10 + Math.floor(random() * 200);
    out += `data: ${JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: prompt, completion_tokens: pieces.length, total_tokens: prompt + pieces.length } })}\n\n`;
  }
  if (end === 'done') out += 'data: [DONE]\n\n';
  return out;
}

export function errorAnswer(
  random: Random,
  status: number,
  type: string,
  code: string | null,
  message: string,
  requestId = true,
): Answer {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (requestId) headers['x-request-id'] = `req_${hex(random, 24)}`;
  return { status, headers, body: JSON.stringify({ error: { message, type, param: null, code } }) };
}

export const jsonHeaders = (random: Random): Record<string, string> => ({
  'content-type': 'application/json',
  'x-request-id': `req_${hex(random, 24)}`,
});

export function chatRequest(
  random: Random,
  key: string,
  model: string,
  stream: boolean,
  includeUsage: boolean,
): Side {
  const messages = [
    { role: 'system', content: words(random, 8 + Math.floor(random() * 20)) },
    { role: 'user', content: words(random, 10 + Math.floor(random() * 60)) },
  ];
  const body: Record<string, unknown> = { model, messages, max_completion_tokens: 256 };
  if (stream) {
    body.stream = true;
    if (includeUsage) body.stream_options = { include_usage: true };
  }
  return {
    method: 'POST',
    url: `${BASE}/chat/completions`,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      cookie: `session=${key}; theme=dark`,
    },
    body: JSON.stringify(body),
  };
}
