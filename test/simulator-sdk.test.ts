/**
 * The real `openai` SDK (6.x) against the simulator: it completes JSON and streaming calls, and raises the
 * class its documentation promises for each fault, after the number of attempts its retry rules give
 * (maxRetries retries on 408, 409, 429, ≥500 and connection errors; x-should-retry overrides; retry-after-ms
 * and Retry-After set the wait). Attempts are counted server-side.
 */
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type FaultName, PROFILE_NAMES, type Simulator } from '../src/simulator/index.js';
import { type CatalogueTerm, KEY, start } from './simulator/helpers.js';

let sim: Simulator;
let attempts: string[] = [];
const messages = [{ role: 'user' as const, content: 'Return the literal text: contract_probe_ok' }];

beforeAll(async () => {
  sim = await start({
    profile: 'cometapi',
    onRequest: (request) => attempts.push(String(request.headers['x-stainless-retry-count'] ?? '?')),
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  attempts = [];
});

const client = (options: { maxRetries?: number; timeout?: number } = {}) =>
  new OpenAI({ baseURL: sim.url, apiKey: KEY, maxRetries: 1, timeout: 5000, ...options });
const withFault = (name: CatalogueTerm<FaultName>) => ({
  headers: { 'x-chatproof-fault': name, 'x-chatproof-sequence': `${name}-${Math.random()}` },
});
const create = (name: CatalogueTerm<FaultName>, options: { maxRetries?: number; timeout?: number } = {}) =>
  client(options).chat.completions.create({ model: 'gpt-4.1-nano', messages }, withFault(name));

describe.each(PROFILE_NAMES)('the SDK completes calls against the %s profile', (profile) => {
  test('JSON and streaming', async () => {
    const local = await start({ profile });
    try {
      const sdk = new OpenAI({ baseURL: local.url, apiKey: KEY, maxRetries: 0 });
      const completion = await sdk.chat.completions.create({ model: 'gpt-4.1-nano', messages });
      expect(completion.choices[0]?.message.content).toBe('contract_probe_ok');
      const stream = await sdk.chat.completions.create({
        model: 'gpt-4.1-nano',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let usage: number | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage.total_tokens;
      }
      expect(text).toBe('contract_probe_ok');
      expect(usage).toBeGreaterThan(0);
    } finally {
      await local.close();
    }
  });
});

describe('error classes and retry counts', () => {
  test('401 → AuthenticationError, never retried', async () => {
    const sdk = new OpenAI({ baseURL: sim.url, apiKey: 'wrong-key', maxRetries: 2 });
    await expect(sdk.chat.completions.create({ model: 'gpt-4.1-nano', messages })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(attempts).toEqual(['0']);
  });

  test('400 → BadRequestError, never retried; the request id is only in the message', async () => {
    const error = await client({ maxRetries: 2 })
      .chat.completions.create({ model: 'gpt-4.1-nano', messages: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).requestID).toBeFalsy();
    expect((error as BadRequestError).message).toMatch(/request id: [0-9a-f]+/);
    expect(attempts).toHaveLength(1);
  });

  test('unknown model → NotFoundError', async () => {
    await expect(
      client().chat.completions.create({ model: 'no-such-model', messages }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test('429 → RateLimitError after the default 2 retries (3 attempts), honouring retry-after-ms', async () => {
    const error = await create('rate-limit-retry-after-ms:20', { maxRetries: 2 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(attempts).toEqual(['0', '1', '2']);
  });

  test('429 with no retry header → RateLimitError after maxRetries retries with default backoff', async () => {
    await expect(create('rate-limit')).rejects.toBeInstanceOf(RateLimitError);
    expect(attempts).toEqual(['0', '1']);
  });

  test('429 with Retry-After seconds and as an HTTP date are honoured and retried', async () => {
    await expect(create('rate-limit-retry-after:0')).rejects.toBeInstanceOf(RateLimitError);
    expect(attempts).toHaveLength(2);
    attempts = [];
    await expect(create('rate-limit-retry-after-date:0')).rejects.toBeInstanceOf(RateLimitError);
    expect(attempts).toHaveLength(2);
  });

  test('500 → InternalServerError after maxRetries retries', async () => {
    await expect(create('status-500')).rejects.toBeInstanceOf(InternalServerError);
    expect(attempts).toHaveLength(2);
  });

  test.each<FaultName>(['status-502', 'status-503', 'status-504', 'status-524'])(
    '%s → InternalServerError (one attempt with maxRetries 0)',
    async (name) => {
      await expect(create(name, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
      expect(attempts).toHaveLength(1);
    },
  );

  test('500 with code invalid_request is still retried by the SDK (the vendor says do not)', async () => {
    const error = await create('invalid-request-500').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).code).toBe('invalid_request');
    expect(attempts).toHaveLength(2);
  });

  test('408 → APIError with status 408 after a retry; 409 → ConflictError after a retry', async () => {
    const timeout = await create('status-408').catch((caught: unknown) => caught);
    expect(timeout).toBeInstanceOf(APIError);
    expect((timeout as APIError).status).toBe(408);
    expect(attempts).toHaveLength(2);
    attempts = [];
    await expect(create('status-409')).rejects.toBeInstanceOf(ConflictError);
    expect(attempts).toHaveLength(2);
  });

  test('x-should-retry: true makes the SDK retry a 400; false stops it retrying a 503', async () => {
    await expect(create('should-retry-true')).rejects.toBeInstanceOf(BadRequestError);
    expect(attempts).toHaveLength(2);
    attempts = [];
    await expect(create('should-retry-false', { maxRetries: 2 })).rejects.toBeInstanceOf(InternalServerError);
    expect(attempts).toHaveLength(1);
  });

  test('a scripted 503*1 sequence succeeds on the retry', async () => {
    const completion = await create('status-503*1');
    expect(completion.choices[0]?.message.content).toBe('contract_probe_ok');
    expect(attempts).toEqual(['0', '1']);
  });

  test('hang → APIConnectionTimeoutError after the client timeout, retried', async () => {
    await expect(create('hang', { timeout: 150 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(attempts).toHaveLength(2);
  });

  test('reset-before-headers → APIConnectionError, retried', async () => {
    await expect(create('reset-before-headers')).rejects.toBeInstanceOf(APIConnectionError);
    expect(attempts).toHaveLength(2);
  });

  test('an in-band stream error → APIError with no status, not retried', async () => {
    const stream = await client().chat.completions.create(
      { model: 'gpt-4.1-nano', messages, stream: true },
      withFault('stream-error-event'),
    );
    const read = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBeUndefined();
    expect(attempts).toHaveLength(1);
  });

  test('a stream cut without [DONE] ends quietly in the SDK: the text is partial and no finish_reason', async () => {
    const stream = await client().chat.completions.create(
      { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'tell me more please' }], stream: true },
      withFault('stream-cut'),
    );
    const reasons: (string | null)[] = [];
    for await (const chunk of stream) reasons.push(chunk.choices[0]?.finish_reason ?? null);
    expect(reasons.every((reason) => reason === null)).toBe(true);
  });
});
