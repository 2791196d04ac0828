/**
 * The simulator follows its profile's documents and nothing else: `n` and `logprobs` on streams as on JSON
 * answers, tool calls as `tool_choice` describes them (a round trip through the SDK's own helper), every model id the documents list (OpenAI's document read from the vendored copy), every refusal
 * naming the rule it follows and that rule's source, and what no rule refuses accepted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PROFILE_NAMES, PROFILES, type Simulator } from '../src/simulator/index.js';
import { validateChat } from '../src/simulator/validate.js';
import { openaiSchema } from './helpers/openai-schema.js';
import { KEY, start } from './simulator/helpers.js';

const DOCUMENT = parseYaml(
  readFileSync(join(import.meta.dirname, 'fixtures', 'openai', 'openai-openapi.yaml'), 'utf8'),
  { maxAliasCount: -1 },
) as {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, { example?: string; anyOf?: { enum?: string[] }[] }> };
};
const user = { role: 'user' as const, content: 'Return the literal text: contract_probe_ok' };

let sim: Simulator;
let sdk: OpenAI;
beforeAll(async () => {
  sim = await start({ profile: 'openai' });
  sdk = new OpenAI({ baseURL: sim.url, apiKey: KEY, maxRetries: 0 });
});
afterAll(() => sim.close());

describe('n and logprobs on streams', () => {
  test('n: 3 streams three choices, each finished, each with the whole text; usage counts them all', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'say something longer' }],
      n: 3,
      stream: true,
      stream_options: { include_usage: true },
    });
    const text = ['', '', ''];
    const finish: (string | null)[] = [null, null, null];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      expect(chunk.choices.length).toBeLessThanOrEqual(1);
      for (const choice of chunk.choices) {
        text[choice.index] += choice.delta.content ?? '';
        if (choice.finish_reason) finish[choice.index] = choice.finish_reason;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text[0]).not.toBe('');
    expect(new Set(text).size).toBe(1);
    expect(finish).toEqual(['stop', 'stop', 'stop']);
    const words = text[0]?.split(' ').length ?? 0;
    expect(usage?.completion_tokens).toBe(3 * words);
  });

  test('logprobs: true gives each content chunk its token entry; the SDK assembles them per choice', async () => {
    const runner = sdk.chat.completions.stream({
      model: 'gpt-4.1-nano',
      messages: [user],
      logprobs: true,
      n: 2,
    });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices).toHaveLength(2);
    for (const choice of completion.choices) {
      expect(choice.message.content).toBe('contract_probe_ok');
      expect(choice.logprobs?.content?.map((entry) => entry.token)).toEqual(['contract_probe_ok']);
      expect(choice.logprobs?.content?.[0]?.bytes).toEqual([...Buffer.from('contract_probe_ok')]);
    }
  });

  test('without logprobs every chunk carries logprobs: null', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [user],
      stream: true,
    });
    for await (const chunk of stream) {
      for (const choice of chunk.choices) expect(choice.logprobs ?? null).toBeNull();
    }
  });
});

describe('tool calls, as tool_choice describes them', () => {
  const tools: OpenAI.ChatCompletionTool[] = [
    {
      type: 'function',
      function: { name: 'lookup', parameters: { type: 'object', properties: {} } },
    },
    { type: 'function', function: { name: 'other', parameters: { type: 'object', properties: {} } } },
  ];
  const validCompletion = openaiSchema('CreateChatCompletionResponse');
  const validChunk = openaiSchema('CreateChatCompletionStreamResponse');

  test('auto after a user turn calls the first tool: finish tool_calls, no content, schema-valid', async () => {
    const completion = await sdk.chat.completions.create({ model: 'gpt-4.1-nano', messages: [user], tools });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({ name: 'lookup', arguments: '{}' });
    expect(validCompletion(completion)).toBe(true);
  });

  test('the SDK’s own runTools helper completes the round trip: call, tool result, text answer', async () => {
    const calls: string[] = [];
    const runner = sdk.chat.completions.runTools({
      model: 'gpt-4.1-nano',
      messages: [user],
      tools: [
        {
          type: 'function',
          function: {
            name: 'lookup',
            description: 'Looks the answer up.',
            parameters: { type: 'object', properties: {} },
            function: (args: string) => {
              calls.push(args);
              return 'found';
            },
          },
        },
      ],
    });
    const completion = await runner.finalChatCompletion();
    expect(calls).toEqual(['{}']);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(runner.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  test('a streamed call: id and name first, then the arguments; the SDK assembles it', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [user],
      tools,
      tool_choice: { type: 'function', function: { name: 'other' } },
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(validChunk(chunk)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.tool_calls?.[0]).toMatchObject({
      index: 0,
      function: { name: 'other' },
    });
    const runner = sdk.chat.completions.stream({
      model: 'gpt-4.1-nano',
      messages: [user],
      tools,
      tool_choice: 'required',
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({ name: 'lookup', arguments: '{}' });
  });

  test('none answers in text; required calls again after a tool result; auto then answers in text', async () => {
    const none = await sdk.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [user],
      tools,
      tool_choice: 'none',
    });
    expect(none.choices[0]?.message.content).toBe('contract_probe_ok');
    const turns: OpenAI.ChatCompletionMessageParam[] = [
      user,
      {
        role: 'assistant',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'found' },
    ];
    const again = await sdk.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: turns,
      tools,
      tool_choice: 'required',
    });
    expect(again.choices[0]?.finish_reason).toBe('tool_calls');
    const after = await sdk.chat.completions.create({ model: 'gpt-4.1-nano', messages: turns, tools });
    expect(after.choices[0]?.finish_reason).toBe('stop');
  });
});

describe('model ids the documents list', () => {
  const shared = DOCUMENT.components.schemas.ModelIdsShared;
  const enumIds = shared?.anyOf?.find((branch) => branch.enum)?.enum ?? [];
  // Every model id the chat-completions operation's own examples use (placeholders like VAR_… aside).
  const exampleIds = [
    ...new Set(
      [...JSON.stringify(DOCUMENT.paths['/chat/completions']).matchAll(/model\\?"?[:=] ?\\?"([\w.-]+)\\?"/g)]
        .map((match) => match[1] ?? '')
        .filter((id) => id !== '' && !id.startsWith('VAR_')),
    ),
  ];

  test('the OpenAI profile lists exactly the ModelIdsShared enum of the vendored document', () => {
    expect(enumIds.length).toBeGreaterThan(50);
    expect(PROFILES.openai.documentedModels.value).toEqual(enumIds);
    expect(shared?.example).toBe('gpt-5.4');
    expect(exampleIds).toEqual(expect.arrayContaining(['gpt-5.4', 'gpt-4o-mini']));
  });

  test('the model list lists them and chat accepts each, echoing it as sent', async () => {
    const listed = new Set((await sdk.models.list()).data.map((model) => model.id));
    for (const id of [...enumIds, ...exampleIds, shared?.example ?? '']) {
      expect(listed.has(id), id).toBe(true);
      const completion = await sdk.chat.completions.create({ model: id, messages: [user] });
      expect(completion.model).toBe(id);
    }
  });

  test('CometAPI accepts the resolved ids its documentation shows, beside its aliases', async () => {
    const comet = await start({ profile: 'cometapi' });
    try {
      const client = new OpenAI({ baseURL: comet.url, apiKey: KEY, maxRetries: 0 });
      for (const id of ['gpt-4.1-nano-2025-04-14', 'gpt-5.1-2025-11-13', 'gpt-4.1-nano', 'gpt-5.1']) {
        const completion = await client.chat.completions.create({ model: id, messages: [user] });
        expect(completion.choices[0]?.message.content).toBe('contract_probe_ok');
      }
      await expect(
        client.chat.completions.create({ model: 'no-such-model', messages: [user] }),
      ).rejects.toMatchObject({ status: 404 });
    } finally {
      await comet.close();
    }
  });
});

test.each(PROFILE_NAMES)(
  'every behaviour of the %s profile names its source; a documented one a document',
  (name) => {
    const sourced: [string, { source: Record<string, string>; assumed: unknown }][] = [];
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if ('value' in record && 'source' in record) {
        sourced.push([at, record as (typeof sourced)[number][1]]);
        return;
      }
      for (const [key, value] of Object.entries(record)) walk(value, at ? `${at}.${key}` : key);
    };
    walk(PROFILES[name], '');
    expect(sourced.length).toBeGreaterThan(40);
    for (const [at, { source, assumed }] of sourced) {
      expect(typeof assumed, at).toBe('boolean');
      for (const key of ['title', 'url', 'quote'])
        expect(source[key]?.length ?? 0, `${at}.${key}`).toBeGreaterThan(3);
      // A behaviour said to be documented rests on a document, not on the reference pack's own gap list.
      if (assumed === false) expect(source.tag, at).not.toBe('INF');
    }
    for (const [rule, source] of Object.entries(PROFILES[name].requestRules)) {
      expect(source.quote.length, rule).toBeGreaterThan(10);
    }
  },
);

describe.each(PROFILE_NAMES)('every refusal of the %s profile cites its document', (name) => {
  const profile = PROFILES[name];
  const base = { model: profile.models.value[0]?.id, messages: [user] };
  const refused: [string, Record<string, unknown>][] = [
    ['no messages', { ...base, messages: [] }],
    ['messages not an array', { ...base, messages: 'hi' }],
    ['an unknown role', { ...base, messages: [{ role: 'robot', content: 'x' }] }],
    ['a user turn without content', { ...base, messages: [{ role: 'user' }] }],
    ['an assistant turn with nothing', { ...base, messages: [{ role: 'assistant' }, user] }],
    ['a tool turn without its call id', { ...base, messages: [{ role: 'tool', content: 'x' }] }],
    ['a fractional max_tokens', { ...base, max_tokens: 1.5 }],
    ['n of 0', { ...base, n: 0 }],
    ['logprobs as a string', { ...base, logprobs: 'yes' }],
    ['stream as a number', { ...base, stream: 1 }],
    ['stream_options not an object', { ...base, stream: true, stream_options: 'usage' }],
    ['temperature above the range', { ...base, temperature: 9 }],
    ['top_p above the range', { ...base, top_p: 9 }],
    ['a model id nobody documents', { ...base, model: 'chatproof-no-such-model' }],
    ['a model that is not a string', { ...base, model: 7 }],
  ];
  test.each(refused)('%s', (_what, body) => {
    const result = validateChat(profile, body, body.model);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const source =
      result.rule in profile.requestRules
        ? profile.requestRules[result.rule as keyof typeof profile.requestRules]
        : profile[result.rule as 'temperatureRange' | 'topPRange'].source;
    expect(source.url).toMatch(/^https:\/\/|contract-facts/);
    expect(source.quote.length).toBeGreaterThan(10);
  });

  const accepted: [string, Record<string, unknown>][] = [
    ['negative max_tokens (the document sets no minimum)', { ...base, max_tokens: -5 }],
    ['stream_options without stream (advice, not a refusal)', { ...base, stream: false, stream_options: {} }],
    ['parameters the validator does not know', { ...base, verbosity: 'low', chatproof_unknown: { a: 1 } }],
    [
      'an assistant turn with a function_call and no content',
      {
        ...base,
        messages: [user, { role: 'assistant', function_call: { name: 'f', arguments: '{}' } }, user],
      },
    ],
    [
      'extreme documented values',
      { ...base, seed: -9007199254740991, frequency_penalty: -2, top_logprobs: 0 },
    ],
  ];
  test.each(accepted)('accepts %s', (_what, body) => {
    expect(validateChat(profile, body, body.model).ok).toBe(true);
  });
});
