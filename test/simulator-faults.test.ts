/** Every fault in the catalogue, seen by a raw HTTP client exactly as the catalogue describes it. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAULTS, type FaultName, type Simulator } from '../src/simulator/index.js';
import {
  type CatalogueTerm,
  eventually,
  faultHeader,
  HELLO,
  observe,
  sseData,
  start,
} from './simulator/helpers.js';

let comet: Simulator;
let openai: Simulator;
const tested = new Set<string>();
const fault = (name: CatalogueTerm<FaultName>, headers: Record<string, string> = {}) => {
  tested.add(name.replace(/[:*~].*$/, ''));
  return { 'x-chatproof-fault': name, ...headers };
};
const STREAM = { ...HELLO, stream: true, stream_options: { include_usage: true } };

beforeAll(async () => {
  comet = await start({ profile: 'cometapi' });
  openai = await start({ profile: 'openai' });
});
afterAll(async () => {
  await comet.close();
  await openai.close();
  const untested = FAULTS.map((item) => item.name).filter((name) => !tested.has(name));
  expect(untested, 'faults without a test').toEqual([]);
});

const envelope = (body: string) => JSON.parse(body).error as Record<string, unknown>;

describe('status faults answer with the status and the profile envelope', () => {
  test.each<[FaultName, number]>([
    ['status-408', 408],
    ['status-409', 409],
    ['status-500', 500],
    ['status-502', 502],
    ['status-503', 503],
    ['status-504', 504],
    ['status-524', 524],
  ])('%s → %i', async (name, status) => {
    const seen = await observe(comet, HELLO, fault(name));
    expect(seen.status).toBe(status);
    expect(envelope(seen.body)).toMatchObject({ type: 'comet_api_error', param: '' });
    expect(envelope(seen.body).message).toMatch(/\(request id: [0-9a-f]+\)$/);
    const other = await observe(openai, HELLO, fault(name));
    expect(other.status).toBe(status);
    expect(Object.keys(envelope(other.body)).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(other.headers['x-request-id']).toBeTruthy();
  });

  test('invalid-request-500 is a 500 whose code is invalid_request', async () => {
    const seen = await observe(comet, HELLO, fault('invalid-request-500'));
    expect(seen.status).toBe(500);
    expect(envelope(seen.body)).toMatchObject({ code: 'invalid_request', type: 'comet_api_error' });
  });
});

describe('rate limits', () => {
  test('rate-limit is a 429 with no retry header of any kind', async () => {
    const seen = await observe(comet, HELLO, fault('rate-limit'));
    expect(seen.status).toBe(429);
    expect(Object.keys(seen.headers).filter((name) => name.startsWith('retry-after'))).toEqual([]);
  });

  test('rate-limit-retry-after sends Retry-After in seconds (default 1, or the parameter)', async () => {
    expect((await observe(comet, HELLO, fault('rate-limit-retry-after'))).headers['retry-after']).toBe('1');
    const seen = await observe(comet, HELLO, fault('rate-limit-retry-after:7'));
    expect(seen.status).toBe(429);
    expect(seen.headers['retry-after']).toBe('7');
  });

  test('rate-limit-retry-after-date sends an HTTP date in the future', async () => {
    const seen = await observe(comet, HELLO, fault('rate-limit-retry-after-date:30'));
    expect(seen.status).toBe(429);
    const date = String(seen.headers['retry-after']);
    expect(date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(date) - Date.now()).toBeGreaterThan(20_000);
  });

  test('rate-limit-retry-after-ms sends retry-after-ms', async () => {
    const seen = await observe(comet, HELLO, fault('rate-limit-retry-after-ms:120'));
    expect(seen.status).toBe(429);
    expect(seen.headers['retry-after-ms']).toBe('120');
    expect(seen.headers['retry-after']).toBeUndefined();
  });

  test('rate-limit-retry-after-unreadable sends a Retry-After that is neither seconds nor a date', async () => {
    const seen = await observe(comet, HELLO, fault('rate-limit-retry-after-unreadable'));
    expect(seen.status).toBe(429);
    expect(seen.headers['retry-after']).toBe('soon');
  });
});

describe('x-should-retry', () => {
  test('should-retry-true marks a 400 as retryable', async () => {
    const seen = await observe(comet, HELLO, fault('should-retry-true'));
    expect(seen.status).toBe(400);
    expect(seen.headers['x-should-retry']).toBe('true');
  });

  test('should-retry-false marks a 503 as not retryable', async () => {
    const seen = await observe(comet, HELLO, fault('should-retry-false'));
    expect(seen.status).toBe(503);
    expect(seen.headers['x-should-retry']).toBe('false');
  });
});

describe('transport faults', () => {
  test('hang sends nothing until the client gives up, and the connection is released', async () => {
    const seen = await observe(comet, HELLO, fault('hang'), 300);
    expect(seen.error).toBe('client-timeout');
    expect(seen.status).toBeUndefined();
    expect(await eventually(async () => (await comet.connections()) === 0)).toBe(true);
  });

  test('hang is cut at the server-side cap', async () => {
    const seen = await observe(comet, HELLO, fault('hang:150'), 5000);
    expect(seen.status).toBeUndefined();
    expect(seen.error).toBe('ECONNRESET');
    expect(seen.ms).toBeGreaterThanOrEqual(140);
  });

  test('slow-first-byte delays the headers, then answers normally', async () => {
    const seen = await observe(comet, HELLO, fault('slow-first-byte:200'));
    expect(seen.status).toBe(200);
    expect(seen.headersMs).toBeGreaterThanOrEqual(190);
    expect(JSON.parse(seen.body).object).toBe('chat.completion');
  });

  test('stall-mid-stream sends headers and the first events, then nothing until the cap', async () => {
    const seen = await observe(comet, STREAM, fault('stall-mid-stream:200'));
    expect(seen.status).toBe(200);
    expect(sseData(seen.body).length).toBeGreaterThan(0);
    expect(seen.body).not.toContain('[DONE]');
    expect(seen.error).toBeDefined();
    expect(seen.ms).toBeGreaterThanOrEqual(190);
  });

  test('stall-mid-stream leaves a client that gives up first with a partial body', async () => {
    const seen = await observe(comet, STREAM, fault('stall-mid-stream'), 300);
    expect(seen.status).toBe(200);
    expect(seen.error).toBe('client-timeout');
    expect(seen.body).not.toContain('[DONE]');
  });

  test('reset-before-headers resets the connection with no answer', async () => {
    const seen = await observe(comet, HELLO, fault('reset-before-headers'));
    expect(seen.status).toBeUndefined();
    expect(seen.error).toBe('ECONNRESET');
  });

  test('reset-mid-body sends a 200 and part of the body, then resets', async () => {
    const seen = await observe(comet, STREAM, fault('reset-mid-body'));
    expect(seen.status).toBe(200);
    expect(seen.body.length).toBeGreaterThan(0);
    expect(seen.body).not.toContain('[DONE]');
    expect(seen.error).toBeDefined();
  });
});

describe('body faults', () => {
  test('stream-cut ends the stream cleanly half-way: no finish_reason, no [DONE]', async () => {
    const seen = await observe(comet, STREAM, fault('stream-cut'));
    expect(seen.status).toBe(200);
    expect(seen.error).toBeUndefined();
    const data = sseData(seen.body);
    expect(data.length).toBeGreaterThan(0);
    expect(data).not.toContain('[DONE]');
    expect(data.map((line) => JSON.parse(line)).some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
  });

  test('stream-cut on a JSON request truncates the body', async () => {
    const seen = await observe(comet, HELLO, fault('stream-cut'));
    expect(seen.status).toBe(200);
    expect(() => JSON.parse(seen.body)).toThrow();
  });

  test('stream-error-event sends an in-band error object after a 200 and no [DONE]', async () => {
    const seen = await observe(comet, STREAM, fault('stream-error-event'));
    expect(seen.status).toBe(200);
    const data = sseData(seen.body);
    expect(data).not.toContain('[DONE]');
    const last = JSON.parse(data.at(-1) ?? '{}');
    expect(last.error).toMatchObject({ type: 'comet_api_error' });
  });

  test('malformed-json answers 200 application/json that does not parse', async () => {
    const seen = await observe(comet, HELLO, fault('malformed-json'));
    expect(seen.status).toBe(200);
    expect(seen.headers['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(seen.body)).toThrow();
  });

  test('malformed-json in a stream sends an event that does not parse', async () => {
    const seen = await observe(comet, STREAM, fault('malformed-json'));
    const bad = sseData(seen.body).filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return line !== '[DONE]';
      }
    });
    expect(bad).toHaveLength(1);
  });

  test.each<[FaultName, number]>([
    ['html-200', 200],
    ['html-502', 502],
  ])('%s answers an HTML page with status %i', async (name, status) => {
    const seen = await observe(comet, HELLO, fault(name));
    expect(seen.status).toBe(status);
    expect(seen.headers['content-type']).toMatch(/^text\/html/);
    expect(seen.body).toMatch(/^<!DOCTYPE html>/);
  });

  test('error-body-200 is a 200 whose JSON body is the error envelope', async () => {
    const seen = await observe(comet, HELLO, fault('error-body-200'));
    expect(seen.status).toBe(200);
    expect(envelope(seen.body)).toMatchObject({ type: 'comet_api_error' });
  });
});

describe('selection', () => {
  test('a scripted sequence fails the first N attempts of a logical call, then succeeds', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const seen = await observe(comet, HELLO, fault('status-503*2', { 'x-chatproof-sequence': 'call-a' }));
      statuses.push(seen.status ?? 0);
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  test('sequences with different x-chatproof-sequence ids count separately', async () => {
    const a = await observe(comet, HELLO, fault('status-500*1', { 'x-chatproof-sequence': 'one' }));
    const b = await observe(comet, HELLO, fault('status-500*1', { 'x-chatproof-sequence': 'two' }));
    const a2 = await observe(comet, HELLO, fault('status-500*1', { 'x-chatproof-sequence': 'one' }));
    expect([a.status, b.status, a2.status]).toEqual([500, 500, 200]);
  });

  test('the model-name suffix selects a fault for clients that can only set the model', async () => {
    const seen = await observe(comet, { ...HELLO, model: 'gpt-4.1-nano+fault=status-502' });
    expect(seen.status).toBe(502);
    const ok = await observe(comet, { ...HELLO, model: 'gpt-4.1-nano+fault=usage-missing' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).model).toBe('gpt-4.1-nano-2025-04-14');
  });

  test('a probabilistic fault follows the seed: same seed, same pattern', async () => {
    const pattern = async (seed: number) => {
      const sim = await start({ seed });
      const out: number[] = [];
      for (let i = 0; i < 20; i++)
        out.push((await observe(sim, HELLO, faultHeader('status-503~0.5'))).status ?? 0);
      await sim.close();
      return out;
    };
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  test('an unknown fault name is a 400 naming it', async () => {
    const seen = await observe(comet, HELLO, { 'x-chatproof-fault': 'no-such-fault' });
    expect(seen.status).toBe(400);
    expect(envelope(seen.body).message).toContain('no-such-fault');
  });
});
