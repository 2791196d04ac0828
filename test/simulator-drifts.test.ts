/** Every drift in the catalogue, seen by a client exactly as the catalogue describes it. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIFTS, type Simulator } from '../src/simulator/index.js';
import { chat, HELLO, sseData, start } from './simulator/helpers.js';

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

async function json(drift: string): Promise<Json> {
  tested.add(drift);
  const res = await chat(sim, HELLO, { 'x-chatproof-fault': drift });
  expect(res.status).toBe(200);
  return JSON.parse(res.body);
}

async function stream(drift: string): Promise<{ chunks: Json[]; done: boolean }> {
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
    const res = await chat(sim, HELLO, { 'x-chatproof-fault': 'usage-null,id-missing' });
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
