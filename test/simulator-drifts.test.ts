/** Every drift in the catalogue, seen by a client exactly as the catalogue describes it. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIFTS, type DriftName, type Simulator } from '../src/simulator/index.js';
import { chat, faultHeader, HELLO, KEY, raw, sseData, start } from './simulator/helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: answers under test are probed field by field, drifted on purpose
type Json = Record<string, any>;
let sim: Simulator;
const tested = new Set<string>();
const STREAM = { ...HELLO, stream: true, stream_options: { include_usage: true } };

beforeAll(async () => {
  sim = await start({ profile: 'cometapi' });
});
afterAll(async () => {
  await sim.close();
  const untested = DRIFTS.map((item) => item.name).filter((name) => !tested.has(name));
  expect(untested, 'drifts without a test').toEqual([]);
});

async function json(drift: DriftName): Promise<Json> {
  tested.add(drift);
  const res = await chat(sim, HELLO, { 'x-chatproof-fault': drift });
  expect(res.status).toBe(200);
  return JSON.parse(res.body);
}

async function stream(drift: DriftName): Promise<{ chunks: Json[]; done: boolean }> {
  tested.add(drift);
  const res = await chat(sim, STREAM, { 'x-chatproof-fault': drift });
  expect(res.status).toBe(200);
  const data = sseData(res.body);
  const done = data.at(-1) === '[DONE]';
  return { chunks: (done ? data.slice(0, -1) : data).map((line) => JSON.parse(line)), done };
}

const usageChunk = (chunks: Json[]) => chunks.find((chunk) => chunk.choices.length === 0);

describe('drifts on a JSON answer', () => {
  test('usage-missing removes usage', async () => {
    expect('usage' in (await json('usage-missing'))).toBe(false);
  });
  test('usage-null sets usage to null', async () => {
    expect((await json('usage-null')).usage).toBeNull();
  });
  test('content-null sets the message content to null', async () => {
    const body = await json('content-null');
    expect(body.choices[0].message.content).toBeNull();
  });
  test('content-moved moves the text to message.text', async () => {
    const message = (await json('content-moved')).choices[0].message;
    expect('content' in message).toBe(false);
    expect(typeof message.text).toBe('string');
  });
  test('extra-field adds undocumented fields at the top and in each choice', async () => {
    const body = await json('extra-field');
    expect(body.x_undocumented).toBeDefined();
    expect(body.choices[0].x_undocumented).toBe(true);
  });
  test('new-finish-reason uses a value outside the documented enum', async () => {
    expect((await json('new-finish-reason')).choices[0].finish_reason).toBe('end_turn');
  });
  test('id-missing removes id', async () => {
    expect('id' in (await json('id-missing'))).toBe(false);
  });
  test('object-wrong changes object', async () => {
    expect((await json('object-wrong')).object).toBe('text_completion');
  });
  test('created-string sends created as a string of digits', async () => {
    expect((await json('created-string')).created).toMatch(/^\d+$/);
  });
  test('choices-empty sends an empty choices array', async () => {
    expect((await json('choices-empty')).choices).toEqual([]);
  });
  test('model-echo-different echoes another model family', async () => {
    expect((await json('model-echo-different')).model).toBe('gpt-4o-mini-2024-07-18');
  });
  test('several drifts apply together', async () => {
    const res = await chat(sim, HELLO, faultHeader('usage-null', 'id-missing'));
    const body = JSON.parse(res.body);
    expect(body.usage).toBeNull();
    expect('id' in body).toBe(false);
  });
});

describe('drifts on a stream', () => {
  test('no-done ends a complete stream without [DONE]', async () => {
    const { chunks, done } = await stream('no-done');
    expect(done).toBe(false);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(usageChunk(chunks)?.usage.total_tokens).toBeGreaterThan(0);
  });
  test('no-usage-chunk drops the usage chunk that include_usage asked for', async () => {
    const { chunks, done } = await stream('no-usage-chunk');
    expect(done).toBe(true);
    expect(usageChunk(chunks)).toBeUndefined();
  });
  test('usage-missing keeps the usage chunk without usage', async () => {
    const last = usageChunk((await stream('usage-missing')).chunks);
    expect(last).toBeDefined();
    expect('usage' in (last as Json)).toBe(false);
  });
  test('usage-null sends usage: null in the usage chunk', async () => {
    expect(usageChunk((await stream('usage-null')).chunks)?.usage).toBeNull();
  });
  test('content-null nulls every delta content', async () => {
    const { chunks } = await stream('content-null');
    const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice: Json) => choice.delta));
    expect(deltas.filter((delta) => 'content' in delta).every((delta) => delta.content === null)).toBe(true);
  });
  test('content-moved moves delta text to delta.text', async () => {
    const { chunks } = await stream('content-moved');
    const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice: Json) => choice.delta));
    expect(deltas.some((delta) => 'content' in delta)).toBe(false);
    expect(deltas.some((delta) => typeof delta.text === 'string' && delta.text.length > 0)).toBe(true);
  });
  test('object-wrong and model-echo-different change every chunk', async () => {
    expect((await stream('object-wrong')).chunks.every((chunk) => chunk.object === 'chat.completion')).toBe(
      true,
    );
    const models = (await stream('model-echo-different')).chunks.map((chunk) => chunk.model);
    expect(new Set(models)).toEqual(new Set(['gpt-4o-mini-2024-07-18']));
  });
  test('new-finish-reason changes the final finish_reason only', async () => {
    const reasons = (await stream('new-finish-reason')).chunks.flatMap((chunk) =>
      chunk.choices.map((choice: Json) => choice.finish_reason),
    );
    expect(reasons.filter((reason) => reason !== null)).toEqual(['end_turn']);
  });
});

describe('drifts in meaning, headers and the model list', () => {
  const usageOf = async (drift: DriftName) => {
    const body = await json(drift);
    const last = usageChunk((await stream(drift)).chunks);
    return [body.usage, last?.usage] as Json[];
  };
  test('usage-sum-wrong makes the total disagree with its parts, in the body and the usage chunk', async () => {
    for (const usage of await usageOf('usage-sum-wrong')) {
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens + 7);
    }
  });
  test('usage-negative sends a negative prompt count whose total still adds up', async () => {
    for (const usage of await usageOf('usage-negative')) {
      expect(usage.prompt_tokens).toBeLessThan(0);
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    }
  });
  test('usage-details-exceed sends more reasoning tokens than completion tokens', async () => {
    for (const usage of await usageOf('usage-details-exceed')) {
      expect(usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(usage.completion_tokens);
    }
  });
  test('created-milliseconds and created-far move created off unix seconds of now', async () => {
    const now = Date.now() / 1000;
    expect((await json('created-milliseconds')).created).toBeGreaterThan(now * 999);
    const chunks = (await stream('created-milliseconds')).chunks;
    expect(chunks.every((chunk) => chunk.created > now * 999)).toBe(true);
    expect(now - (await json('created-far')).created).toBeGreaterThan(2 * 86_400);
    expect((await stream('created-far')).chunks.every((chunk) => now - chunk.created > 2 * 86_400)).toBe(
      true,
    );
  });
  test('choice-index-wrong numbers the choices from 1', async () => {
    expect((await json('choice-index-wrong')).choices.map((choice: Json) => choice.index)).toEqual([1]);
    const { chunks } = await stream('choice-index-wrong');
    const indices = chunks.flatMap((chunk) => chunk.choices.map((choice: Json) => choice.index));
    expect(new Set(indices)).toEqual(new Set([1]));
  });
  test('media-type-wrong labels JSON answers and streams text/plain', async () => {
    tested.add('media-type-wrong');
    const plain = await chat(sim, HELLO, faultHeader('media-type-wrong'));
    expect(plain.headers['content-type']).toMatch(/^text\/plain/);
    expect(JSON.parse(plain.body).object).toBe('chat.completion');
    const streamed = await chat(sim, STREAM, faultHeader('media-type-wrong'));
    expect(streamed.headers['content-type']).toMatch(/^text\/plain/);
    expect(sseData(streamed.body).at(-1)).toBe('[DONE]');
  });
  test('ratelimit-header-malformed sends rate-limit headers no reader can parse', async () => {
    tested.add('ratelimit-header-malformed');
    const res = await chat(sim, HELLO, faultHeader('ratelimit-header-malformed'));
    expect(res.headers['x-ratelimit-remaining-requests']).toBe('plenty');
    expect(res.headers['x-ratelimit-reset-tokens']).toBe('6 minutes');
  });
  test('stream-id-changes gives every chunk its own id', async () => {
    const { chunks } = await stream('stream-id-changes');
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
  });
  test('stream-no-finish leaves every finish_reason null and still ends with [DONE]', async () => {
    const { chunks, done } = await stream('stream-no-finish');
    expect(done).toBe(true);
    const reasons = chunks.flatMap((chunk) => chunk.choices.map((choice: Json) => choice.finish_reason));
    expect(reasons.every((reason) => reason === null)).toBe(true);
  });
  const list = async (drift: DriftName): Promise<Json> => {
    tested.add(drift);
    const res = await raw(`${sim.url}/models`, {
      method: 'GET',
      headers: { authorization: `Bearer ${KEY}`, 'x-chatproof-fault': drift },
    });
    expect(res.status).toBe(200);
    return JSON.parse(res.body);
  };
  test('models-created-milliseconds and models-data-object change the model list', async () => {
    const models = (await list('models-created-milliseconds')).data as Json[];
    expect(models.every((model) => model.created > 1e11)).toBe(true);
    const keyed = (await list('models-data-object')).data;
    expect(Array.isArray(keyed)).toBe(false);
    expect(Object.keys(keyed)).toContain('gpt-4.1-nano');
  });
});

describe('drifts on error answers', () => {
  const refused = async (drift: DriftName) => {
    tested.add(drift);
    const res = await chat(sim, { messages: [] }, { 'x-chatproof-fault': drift });
    expect(res.status).toBeGreaterThanOrEqual(400);
    return res;
  };
  test('error-media-type-wrong labels the JSON envelope text/plain', async () => {
    const res = await refused('error-media-type-wrong');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(JSON.parse(res.body).error).toBeDefined();
  });
  test('error-type-number sends the envelope type as a number, on a refused key too', async () => {
    expect(JSON.parse((await refused('error-type-number')).body).error.type).toBe(400);
    const res = await raw(`${sim.url}/chat/completions`, {
      headers: { authorization: 'Bearer wrong', ...faultHeader('error-type-number') },
      body: JSON.stringify(HELLO),
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.type).toBe(400);
  });
  test('an error a fault injects meets the error drifts too: a 429 labelled text/plain, its type a number', async () => {
    const res = await chat(
      sim,
      HELLO,
      faultHeader('rate-limit-retry-after:1', 'error-media-type-wrong', 'error-type-number'),
    );
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(JSON.parse(res.body).error.type).toBe(400);
  });
});
