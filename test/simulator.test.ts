/** The simulator end to end over real HTTP: success answers, validation, models, wrong paths, the ledger. */
import { afterEach, describe, expect, test } from 'vitest';
import { parseLedger, pendingReport, renderLedgerYaml } from '../src/contract/index.js';
import { looksLikeSecret } from '../src/redact/patterns.js';
import { DEMO_KEY, PROFILE_NAMES, profileLedger, type Simulator } from '../src/simulator/index.js';
import { testContract } from './builders.js';
import { chat, HELLO, KEY, raw, sseData, start } from './simulator/helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe.each(PROFILE_NAMES)('profile %s', (profile) => {
  test('answers a chat completion with the documented fields', async () => {
    sim = await start({ profile });
    const res = await chat(sim, HELLO);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ object: 'chat.completion', choices: [{ index: 0, finish_reason: 'stop' }] });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(typeof body.created).toBe('number');
    expect(typeof body.choices[0].message.content).toBe('string');
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  test('streams chunks, the usage chunk when asked, and [DONE] last', async () => {
    sim = await start({ profile });
    const res = await chat(sim, { ...HELLO, stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const data = sseData(res.body);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((line) => JSON.parse(line));
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.total_tokens).toBeGreaterThan(0);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
  });

  test('sends no usage chunk when the request does not ask for one', async () => {
    sim = await start({ profile });
    const data = sseData((await chat(sim, { ...HELLO, stream: true })).body);
    const chunks = data.slice(0, -1).map((line) => JSON.parse(line));
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  test('lists its models behind auth', async () => {
    sim = await start({ profile });
    const ok = await raw(`${sim.url}/models`, { method: 'GET', headers: { authorization: `Bearer ${KEY}` } });
    expect(ok.status).toBe(200);
    const list = JSON.parse(ok.body);
    expect(list.object).toBe('list');
    expect(list.data.map((model: { id: string }) => model.id)).toContain('gpt-4.1-nano');
    const denied = await raw(`${sim.url}/models`, { method: 'GET' });
    expect(denied.status).toBe(401);
  });

  test('writes a complete ledger that parses with no pending clause', () => {
    const ledger = profileLedger(profile, {
      baseUrl: 'http://127.0.0.1:4010/v1',
      keyRef: 'env:CHATPROOF_SIM_KEY',
    });
    const parsed = parseLedger(renderLedgerYaml(ledger), 'sim.yaml');
    const pending = pendingReport(testContract(parsed)).flatMap((area) => area.pending);
    expect(pending).toEqual([]);
    for (const clause of parsed.clauses) {
      expect(clause.source?.url, clause.id).toBeTruthy();
      expect(clause.source?.quote, clause.id).toBeTruthy();
    }
  });

  test('is deterministic for a seed: same request, same text and ids', async () => {
    const clock = () => new Date(1_750_000_000_000);
    const first = await start({ profile, seed: 7, clock });
    const a = await chat(first, HELLO);
    await first.close();
    sim = await start({ profile, seed: 7, clock });
    const b = await chat(sim, HELLO);
    expect(b.body).toBe(a.body);
  });
});

describe('cometapi profile', () => {
  test('echoes the resolved model id, not the alias', async () => {
    sim = await start();
    expect(JSON.parse((await chat(sim, HELLO)).body).model).toBe('gpt-4.1-nano-2025-04-14');
  });

  test('puts the request id only inside the error message', async () => {
    sim = await start();
    const res = await chat(sim, { messages: [{ role: 'user', content: 'x' }] });
    expect(res.status).toBe(400);
    expect(res.headers['x-request-id']).toBeUndefined();
    const error = JSON.parse(res.body).error;
    expect(error).toEqual({
      message: expect.stringMatching(/^model name is required \(request id: [0-9a-f]+\)$/),
      type: 'comet_api_error',
      param: '',
      code: '',
    });
  });

  test('redirects a wrong path to an HTML page instead of a JSON 404', async () => {
    sim = await start();
    const res = await raw(`${sim.url}/chat/completion`, {
      headers: { authorization: `Bearer ${KEY}` },
      body: '{}',
    });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/');
    const page = await raw(`${sim.url.replace(/\/v1$/, '')}/`, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  test('sends no rate-limit or request-id headers on success', async () => {
    sim = await start();
    const res = await chat(sim, HELLO);
    expect(Object.keys(res.headers).filter((name) => /ratelimit|request-id|retry-after/.test(name))).toEqual(
      [],
    );
  });
});

describe('openai profile', () => {
  test('sends x-request-id and the x-ratelimit headers, and errors with all four keys', async () => {
    sim = await start({ profile: 'openai' });
    const ok = await chat(sim, HELLO);
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f]{24}$/);
    expect(ok.headers['x-ratelimit-remaining-requests']).toBe('59');
    const bad = await chat(sim, { ...HELLO, temperature: 3 });
    expect(bad.status).toBe(400);
    const error = JSON.parse(bad.body).error;
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'temperature', code: null });
    expect(bad.headers['x-request-id']).toBeTruthy();
  });

  test('answers a wrong path with a JSON 404', async () => {
    sim = await start({ profile: 'openai' });
    const res = await raw(`${sim.url}/chat/completion`, {
      headers: { authorization: `Bearer ${KEY}` },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error.message).toContain('Invalid URL');
  });
});

test('the demo key does not look like a real secret', () => {
  expect(looksLikeSecret(DEMO_KEY)).toBe(false);
});

test('accepts the demo key when no key is given', async () => {
  const { startSimulator } = await import('../src/simulator/index.js');
  sim = await startSimulator();
  const res = await raw(`${sim.url}/models`, {
    method: 'GET',
    headers: { authorization: `Bearer ${DEMO_KEY}` },
  });
  expect(res.status).toBe(200);
});

test('refuses to bind a non-loopback address unless allowed', async () => {
  const { startSimulator } = await import('../src/simulator/index.js');
  await expect(startSimulator({ host: '0.0.0.0' })).rejects.toMatchObject({ code: 'E_SIM_BIND' });
});
