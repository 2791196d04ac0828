/**
 * The traffic audit remembers a chat exchange's findings by a fingerprint of what the judges read. These tests
 * hold it to its one promise, that remembering changes nothing: every capture is audited with the memo and
 * without it and must give the same result to the last example, and two exchanges with one fingerprint must
 * get the same findings, over generated captures, real recorded OpenAI answers and random mutations of both,
 * judged with the `openai` profile's ledger and with a ledger imported from OpenAI's OpenAPI document.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auditTraffic, fileInput, judgeExchange, trafficSetup } from '../src/checks/traffic/index.js';
import { createMemo, recallKey } from '../src/checks/traffic/memo.js';
import { valueNames } from '../src/checks/traffic/memo-schema.js';
import { keyOf } from '../src/checks/traffic/tally.js';
import type { CapturedExchange } from '../src/checks/traffic/types.js';
import { type Contract, clausesFromOpenApi, initialLedger } from '../src/contract/index.js';
import { readSse } from '../src/http/index.js';
import { profileContract, testContract } from './builders.js';
import { openaiDocument } from './helpers/openai-schema.js';
import { type Workspace, workspace } from './traffic-support.js';

const CORPUS = join(import.meta.dirname, 'fixtures', 'openai-python');
const read = (dir: string) =>
  readdirSync(join(CORPUS, dir))
    .sort()
    .map((name) => readFileSync(join(CORPUS, dir, name), 'utf8'));
const RESPONSES = read('responses');
const STREAMS = read('streams');
const CHAT = 'https://api.openai.example/v1/chat/completions';

function contracts(): [string, Contract][] {
  const target = { baseUrl: 'https://api.openai.example/v1', keyRef: 'env:OPENAI_TEST_KEY' };
  const imported = clausesFromOpenApi(
    openaiDocument,
    'test/fixtures/openai/openai-openapi.yaml',
    '2026-12-01',
  );
  return [
    ['openai profile ledger', profileContract('openai', target)],
    [
      'ledger imported from the OpenAPI document',
      testContract(initialLedger(imported.clauses, { openapi: imported.source })),
    ],
  ];
}

/** A chat exchange around a recorded answer (a stream when `sse`), at `startedAt`. */
function exchange(body: string, sse: boolean, model: string, startedAt: string): CapturedExchange {
  return {
    startedAt,
    request: {
      method: 'POST',
      url: CHAT,
      headers: { authorization: 'Bearer QmemoCanary7', 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        messages: [{ role: 'user', content: 'hi' }],
        ...(sse ? { stream: true, stream_options: { include_usage: true } } : {}),
      }),
    },
    response: {
      status: 200,
      headers: {
        'content-type': sse ? 'text/event-stream' : 'application/json',
        'x-request-id': 'req_1',
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-requests': '499',
      },
      body,
    },
  };
}

const createdOf = (text: string): number => Number(/"created":\s*(\d+)/.exec(text)?.[1] ?? 0);
const at = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Every recorded answer, as recorded and as a gateway would see it again with other ids, text and times. */
function recordedExchanges(): CapturedExchange[] {
  const out: CapturedExchange[] = [];
  for (const [sse, texts] of [
    [false, RESPONSES],
    [true, STREAMS],
  ] as const) {
    for (const text of texts) {
      const created = createdOf(text);
      const model = /"model":\s*"([^"]+)"/.exec(text)?.[1] ?? 'gpt-4o';
      const variants = [
        text,
        text.replace(/chatcmpl-[A-Za-z0-9]+/g, 'chatcmpl-Other0id'),
        text.replace(/"created":\s*\d+/g, `"created": ${created + 7}`),
        text.replace(/"created":\s*\d+/g, `"created": ${created * 1000}`),
        text.replace(/"prompt_tokens":\s*(\d+)/, (_m, n) => `"prompt_tokens": ${Number(n) + 1}`),
        text.replace(/"finish_reason":\s*"stop"/g, '"finish_reason": "paused"'),
        // A field name too long to number: judged in full, every time.
        text.replace(/"object":/, `"${'k'.repeat(300)}": 1, "object":`),
      ];
      for (const variant of variants) {
        out.push(exchange(variant, sse, model, at(created + 2)));
        out.push(exchange(variant, sse, model, at(created + 86_400)));
      }
    }
  }
  // Long streams: one id throughout, a new id now and then, and more distinct ids than a short list holds.
  const first = readSse(STREAMS[0] as string).events[1]?.data as string;
  const created = createdOf(first);
  for (const distinct of [1, 2, 100]) {
    const body = Array.from(
      { length: 120 },
      (_, i) => `data: ${first.replace(/chatcmpl-[A-Za-z0-9]+/, `chatcmpl-${i % distinct}`)}\n\n`,
    ).join('');
    out.push(exchange(`${body}data: [DONE]\n\n`, true, 'gpt-4o-2024-08-06', at(created)));
  }
  const error = (status: number, headers: Record<string, string>, body: string): CapturedExchange => ({
    ...exchange('', false, 'gpt-4o', at(1_727_346_142)),
    response: { status, headers, body },
  });
  const envelope = (code: string | null, type: string) =>
    JSON.stringify({ error: { message: 'no', type, param: null, code } });
  const json = { 'content-type': 'application/json', 'x-request-id': 'req_9' };
  out.push(
    error(400, json, envelope(null, 'invalid_request_error')),
    error(400, json, envelope('invalid_value', 'invalid_request_error')),
    error(401, json, envelope('invalid_api_key', 'invalid_request_error')),
    error(429, { ...json, 'retry-after': '2' }, envelope('rate_limit_exceeded', 'requests')),
    error(429, { ...json, 'retry-after': 'soon' }, envelope('rate_limit_exceeded', 'requests')),
    error(500, { 'content-type': 'text/html' }, '<html>upstream</html>'),
    error(503, json, '["not an envelope"]'),
    error(418, json, envelope('teapot', 'server_error')),
  );
  return out;
}

const keys = (contract: Contract, captured: CapturedExchange): string[] => [
  ...new Set(judgeExchange(trafficSetup(contract), captured).findings.map(keyOf)),
];

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.close());

describe.each(contracts())('judged with the %s', (_name, contract) => {
  test('generated drifted captures, both formats: the memo changes nothing in the result', async () => {
    for (const seed of [3, 17]) {
      for (const format of ['jsonl', 'har'] as const) {
        const path = ws.write(`c${seed}.${format}`, format, {
          seed,
          conforming: 300,
          drifts: {
            'usage-missing': 3,
            'extra-field': 2,
            'new-finish-reason': 2,
            'model-echo-different': 2,
            'error-body-on-success': 1,
            'stream-no-done': 2,
            'stream-cut': 2,
            'stream-usage-missing': 2,
            'envelope-missing': 2,
            'request-id-missing': 2,
            'status-undocumented': 1,
            'model-undocumented': 1,
          },
          malformed: { truncated: 2, 'invalid-json': 2 },
          gzipShare: 0.2,
        });
        const full = await auditTraffic(contract, [fileInput(path)], { memo: false });
        const remembered = await auditTraffic(contract, [fileInput(path)], { memo: true });
        expect(remembered).toEqual(full);
        expect(full.records.judged).toBeGreaterThan(300);
      }
    }
  });

  test('worker threads with the memo give the result of one thread without it', async () => {
    const path = ws.write('w.jsonl', 'jsonl', { seed: 5, conforming: 400, drifts: { 'stream-cut': 3 } });
    // The worker threads run the built code (dist/).
    const built = (await import(
      '../dist/checks/traffic/index.js' as string
    )) as typeof import('../src/checks/traffic/index.js');
    const full = await auditTraffic(contract, [fileInput(path)], { memo: false });
    const threads = await built.auditTraffic(contract, [built.fileInput(path)], {
      workers: 2,
      rangeBytes: 64 * 1024,
    });
    expect(threads).toEqual(full);
  });

  test('recorded OpenAI answers and their variants: the memo changes nothing in the result', async () => {
    const records = recordedExchanges();
    const path = join(ws.dir, 'recorded.jsonl');
    // Each twice, so the second is answered from the memo.
    writeFileSync(path, [...records, ...records].map((r) => JSON.stringify(r)).join('\n'));
    const full = await auditTraffic(contract, [fileInput(path)], { memo: false });
    const remembered = await auditTraffic(contract, [fileInput(path)], { memo: true });
    expect(remembered).toEqual(full);
    expect(full.records.judged).toBe(records.length * 2);
  });

  test('two exchanges with one fingerprint get the same findings (random mutations)', () => {
    const bases = recordedExchanges();
    const setup = trafficSetup(contract);
    const memo = createMemo(contract);
    let shared = 0;
    const leaf = fc.oneof(
      fc.string(),
      fc.constant(''),
      fc.integer({ min: -5, max: 2_000_000_000_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constant({}),
      fc.constant([]),
    );
    const mutation = fc.record({ pick: fc.nat(), value: leaf, drop: fc.boolean(), like: fc.constant(false) });
    // A value like the one it replaces (another text, another count, another time): the mutations a
    // fingerprint must see through, or tell apart when they change a judgement.
    const like = fc.record({
      pick: fc.nat(),
      value: leaf,
      drop: fc.constant(false),
      like: fc.constant(true),
    });
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(mutation, { maxLength: 3 }),
        fc.oneof({ arbitrary: mutation, weight: 1 }, { arbitrary: like, weight: 4 }),
        fc.oneof(fc.constant(0), fc.integer({ min: -200_000, max: 200_000 })),
        (i, first, second, shiftS) => {
          const a = mutate(bases[i] as CapturedExchange, first);
          // Captured at another time too: timestamps are judged against the capture's clock.
          const b = { ...mutate(a, [second]), startedAt: at(Date.parse(a.startedAt ?? '') / 1000 + shiftS) };
          const ka = recallKey(memo, setup, a);
          const kb = recallKey(memo, setup, b);
          if (!ka || !kb || ka.key !== kb.key) return;
          shared += 1;
          expect(keys(contract, b)).toEqual(keys(contract, a));
        },
      ),
      { numRuns: 1500, seed: 20261203 },
    );
    // Not vacuous: many mutated pairs share a fingerprint (a new id, text or token count, and so on).
    expect(shared).toBeGreaterThan(300);
  });
});

interface Mutation {
  pick: number;
  value: unknown;
  drop: boolean;
  like: boolean;
}

/** Another value of the same kind as `current`, derived from `seed`. */
function alike(current: unknown, seed: unknown): unknown {
  const n = typeof seed === 'number' && Number.isFinite(seed) ? Math.trunc(seed) : 7;
  if (typeof current === 'string') return current === '' ? '' : `${current.slice(0, 3)}${Math.abs(n) % 997}`;
  if (typeof current === 'number') {
    return Number.isInteger(current) ? current + (n % 5) * 10 ** (Math.abs(n) % 10) : current * 1.5;
  }
  return current;
}

/** Every (container, key) of a JSON value, depth first. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (value === null || typeof value !== 'object') return out;
  for (const [key, item] of Object.entries(value)) {
    out.push([value as Record<string, unknown>, Array.isArray(value) ? Number(key) : key]);
    slots(item, out);
  }
  return out;
}

/** Sets (or drops) one field of the JSON body, or of one chunk of a stream. */
function mutate(captured: CapturedExchange, mutations: Mutation[]): CapturedExchange {
  const stream = captured.response.headers['content-type'] === 'text/event-stream';
  let bodies: unknown[];
  try {
    bodies = stream
      ? readSse(captured.response.body).events.map((e) => (e.data === '[DONE]' ? e.data : JSON.parse(e.data)))
      : [JSON.parse(captured.response.body)];
  } catch {
    return captured;
  }
  for (const { pick, value, drop, like } of mutations) {
    const all = bodies.flatMap((body) => slots(body));
    const slot = all[pick % Math.max(1, all.length)];
    if (!slot) continue;
    const [container, key] = slot;
    const slotted = container as Record<string | number, unknown>;
    if (drop && !Array.isArray(container)) delete slotted[key];
    else slotted[key] = like ? alike(slotted[key], value) : structuredClone(value);
  }
  const body = stream
    ? bodies.map((b) => `data: ${typeof b === 'string' ? b : JSON.stringify(b)}\n\n`).join('')
    : JSON.stringify(bodies[0]);
  return { ...captured, response: { ...captured.response, body } };
}

test('a schema value constraint keeps its field name exact; one it cannot place keeps every value', () => {
  const named = valueNames([
    {
      type: 'object',
      properties: {
        object: { enum: ['chat.completion'] },
        choices: { type: 'array', items: { $ref: '#/$defs/choice' } },
        usage: { type: 'object', properties: { total_tokens: { type: 'integer' } } },
      },
      $defs: { choice: { properties: { finish_reason: { type: 'string', pattern: '^[a-z_]+$' } } } },
    },
  ]);
  expect(named).toEqual({ all: false, names: new Set(['object', 'finish_reason']) });
  expect(valueNames([{ additionalProperties: { maxLength: 3 } }]).all).toBe(true);
  expect(valueNames([{ properties: { a: { not: { type: 'string' } } } }]).all).toBe(true);
  expect(valueNames([{ properties: { a: { $ref: 'other.json#/x' } } }]).all).toBe(true);
});

test('recorded answers that differ only in ids, text or a time within tolerance share a fingerprint', () => {
  const [, contract] = contracts()[0] as [string, Contract];
  const setup = trafficSetup(contract);
  const memo = createMemo(contract);
  const records = recordedExchanges().filter((r) => r.response.status === 200);
  const prints = new Set<string>();
  let judged = 0;
  for (const record of records) {
    const recall = recallKey(memo, setup, record);
    if (recall) prints.add(recall.key);
    judged += 1;
  }
  // Two records per variant (a clock two seconds and a day away) share a fingerprint unless the day matters.
  expect(prints.size).toBeLessThan(judged);
  expect(prints.size).toBeGreaterThan(RESPONSES.length);
});
