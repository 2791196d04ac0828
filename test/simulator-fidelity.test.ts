/**
 * Requests real clients send, accepted by the simulator as the API accepts them: `max_tokens: 0`, an assistant
 * turn with `tool_calls` and no content, `tool` and `function` turns, `n` choices and `logprobs`, through the
 * real `openai` SDK.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Simulator } from '../src/simulator/index.js';
import { KEY, start } from './simulator/helpers.js';

let sim: Simulator;
let sdk: OpenAI;
const model = 'gpt-4.1-nano';
const user = { role: 'user' as const, content: 'Return the literal text: contract_probe_ok' };

beforeAll(async () => {
  sim = await start({ profile: 'openai' });
  sdk = new OpenAI({ baseURL: sim.url, apiKey: KEY, maxRetries: 0 });
});
afterAll(() => sim.close());

test('max_tokens 0 and max_completion_tokens 0 are accepted: no content tokens, cut for length', async () => {
  for (const limit of [{ max_tokens: 0 }, { max_completion_tokens: 0 }]) {
    const completion = await sdk.chat.completions.create({ model, messages: [user], ...limit });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.choices[0]?.message.content).toBe('');
    expect(completion.usage?.completion_tokens).toBe(0);
  }
});

test('a tool-calling conversation: assistant tool_calls without content, then the tool answer', async () => {
  const completion = await sdk.chat.completions.create({
    model,
    messages: [
      user,
      {
        role: 'assistant',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'found' },
      { role: 'function', name: 'lookup', content: null } as unknown as OpenAI.ChatCompletionMessageParam,
      user,
    ],
  });
  expect(completion.choices[0]?.message.content).toBe('contract_probe_ok');
});

test('n choices, each with its index; logprobs: true gives each choice a logprobs object', async () => {
  const completion = await sdk.chat.completions.create({ model, messages: [user], n: 3, logprobs: true });
  expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
  for (const choice of completion.choices) {
    expect(choice.logprobs?.content?.[0]).toMatchObject({ token: 'contract_probe_ok', top_logprobs: [] });
    expect(choice.logprobs?.content?.[0]?.bytes).toEqual([...Buffer.from('contract_probe_ok')]);
  }
  const plain = await sdk.chat.completions.create({ model, messages: [user] });
  expect(plain.choices).toHaveLength(1);
  expect(plain.choices[0]?.logprobs).toBeNull();
});

test('an assistant turn with neither content nor tool_calls is still refused', async () => {
  await expect(
    sdk.chat.completions.create({
      model,
      messages: [{ role: 'assistant' } as unknown as OpenAI.ChatCompletionMessageParam, user],
    }),
  ).rejects.toMatchObject({ status: 400 });
});
