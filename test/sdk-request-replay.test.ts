/**
 * Every chat-completions request body of the official SDKs' own tests (openai-python and openai-node, "all
 * parameters" included; see the PROVENANCE.md files under test/fixtures/) sent to the simulator through the real
 * `openai` SDK: each is accepted, the SDK parses each answer, and each answer is valid against OpenAI's schema,
 * checked by ajv over the vendored document (test/helpers/openai-schema.ts), not by chatproof's own code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { LengthFinishReasonError } from 'openai/error';
import type { ChatCompletionStreamParams } from 'openai/lib/ChatCompletionStream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROFILE_NAMES, type Simulator } from '../src/simulator/index.js';
import { openaiSchema } from './helpers/openai-schema.js';
import { KEY, start } from './simulator/helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const BODIES = ['openai-python', 'openai-node'].flatMap((sdk) =>
  readdirSync(join(FIXTURES, sdk, 'requests'))
    .sort()
    .map((file) => ({
      name: `${sdk}/${file}`,
      body: JSON.parse(readFileSync(join(FIXTURES, sdk, 'requests', file), 'utf8')) as Record<
        string,
        unknown
      >,
    })),
);

const validCompletion = openaiSchema('CreateChatCompletionResponse');
const validChunk = openaiSchema('CreateChatCompletionStreamResponse');
const validModels = openaiSchema('ListModelsResponse');
const schemaErrors = (check: ReturnType<typeof openaiSchema>) =>
  (check.errors ?? []).slice(0, 5).map((error) => `${error.instancePath} ${error.message}`);

test('the fixtures hold every create call of both SDKs: 6 bodies, 2 streaming, 3 with all parameters', () => {
  expect(BODIES).toHaveLength(6);
  expect(BODIES.filter(({ body }) => body.stream === true)).toHaveLength(2);
  // "All parameters": the SDKs' generated tests set every parameter of CreateChatCompletionRequest.
  expect(BODIES.filter(({ body }) => Object.keys(body).length > 30)).toHaveLength(3);
});

describe.each(PROFILE_NAMES)('SDK test bodies against the %s profile', (profile) => {
  let sim: Simulator;
  let sdk: OpenAI;
  beforeAll(async () => {
    // The SDK bodies ask for `gpt-5.4`, the example model of OpenAI's document; CometAPI's documents do not
    // list it, so it is added there the way a user adds the ids their application uses.
    sim = await start({ profile, ...(profile === 'cometapi' ? { models: ['gpt-5.4'] } : {}) });
    sdk = new OpenAI({ baseURL: sim.url, apiKey: KEY, maxRetries: 0 });
  });
  afterAll(() => sim.close());

  test('the model list the SDK reads is valid against ListModelsResponse and lists the bodies’ model', async () => {
    const page = await sdk.models.list();
    const raw = { object: 'list', data: page.data };
    expect(validModels(raw), schemaErrors(validModels).join('; ')).toBe(true);
    expect(page.data.map((model) => model.id)).toContain('gpt-5.4');
  });

  test.each(BODIES.filter(({ body }) => body.stream !== true))('JSON $name', async ({ body }) => {
    const { data, response } = await sdk.chat.completions
      .create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    expect(response.status).toBe(200);
    expect(data.object).toBe('chat.completion');
    expect(data.choices).toHaveLength(typeof body.n === 'number' ? body.n : 1);
    expect(validCompletion(data), schemaErrors(validCompletion).join('; ')).toBe(true);
    // The validator is not vacuous: the same answer with a broken choice fails it.
    expect(validCompletion({ ...data, choices: [{ ...data.choices[0], finish_reason: 'x' }] })).toBe(false);
    if (body.logprobs === true) expect(data.choices[0]?.logprobs).not.toBeNull();
  });

  test.each(BODIES.filter(({ body }) => body.stream === true))('stream $name', async ({ body }) => {
    const stream = await sdk.chat.completions.create(
      body as unknown as OpenAI.ChatCompletionCreateParamsStreaming,
    );
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(validChunk(chunk), schemaErrors(validChunk).join('; ')).toBe(true);
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage && profile === 'openai') expect(chunks.at(-1)?.usage).toBeTruthy();
    // The SDK's own accumulator assembles the same stream. With `max_tokens: 0` the answer is cut for length,
    // and for a request with strict tools the SDK's documented answer to that is LengthFinishReasonError.
    const runner = sdk.chat.completions.stream(body as unknown as ChatCompletionStreamParams);
    const outcome = await runner.finalChatCompletion().catch((error: unknown) => error);
    const finish = chunks
      .flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason))
      .filter(Boolean);
    expect(finish).toHaveLength(typeof body.n === 'number' ? body.n : 1);
    if (finish[0] === 'length' && Array.isArray(body.tools)) {
      expect(outcome).toBeInstanceOf(LengthFinishReasonError);
    } else {
      expect((outcome as OpenAI.ChatCompletion).choices[0]?.finish_reason).toBe(finish[0]);
    }
  });
});
