import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRedactor } from '../redact/index.js';
import { describeBody, isoTime, toAttempt } from './attempt.js';
import type { ExchangeFacts } from './live.js';

/** The call key as defined: FNV-1a (two lanes) of `METHOD path\n` and the body's JSON without its model. */
function referenceKey(method: string, path: string, body: string): string {
  let rest: string;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    const { model: _model, ...others } = parsed as Record<string, unknown>;
    rest = JSON.stringify(others);
  } catch {
    rest = Buffer.from(body, 'utf8').toString('latin1');
  }
  const text = `${method} ${path.split('?')[0]}\n${rest}`;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x01000193) ^ (a >>> 7);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

describe('describeBody', () => {
  test('the call key ignores the model and formatting but not the rest of the body or the path', () => {
    const key = (path: string, body: string) => describeBody('POST', path, Buffer.from(body)).callKey;
    const call = { model: 'a', messages: [{ role: 'user', content: 'hi' }] };
    expect(key('/v1/chat/completions', JSON.stringify(call))).toBe(
      key('/v1/chat/completions?x=1', JSON.stringify({ ...call, model: 'b' }, null, 2)),
    );
    expect(key('/v1/chat/completions', JSON.stringify(call))).not.toBe(
      key('/v1/chat/completions', JSON.stringify({ ...call, temperature: 0 })),
    );
    expect(key('/v1/chat/completions', JSON.stringify(call))).not.toBe(
      key('/v1/completions', JSON.stringify(call)),
    );
  });

  test('reads the model and the stream flag', () => {
    expect(describeBody('POST', '/', Buffer.from('{"model":"m","stream":true}'))).toMatchObject({
      model: 'm',
      stream: true,
    });
    expect(describeBody('POST', '/', Buffer.from('{"model":3}'))).not.toHaveProperty('model');
    expect(describeBody('POST', '/', Buffer.from('not json'))).toMatchObject({ stream: false });
  });

  test('any body gets the key its definition gives', () => {
    const bodies = fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()).map((value) => JSON.stringify(value)),
      fc
        .record({ model: fc.jsonValue(), stream: fc.boolean(), n: fc.integer() })
        .map((value) => JSON.stringify(value)),
      fc.json(),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST'), fc.string(), bodies, (method, path, body) => {
        expect(describeBody(method, path, Buffer.from(body, 'utf8')).callKey).toBe(
          referenceKey(method, path, body),
        );
      }),
    );
  });
});

describe('toAttempt', () => {
  test('redacts secrets from the path, model, headers and error it records; repeated headers are joined', () => {
    const secret = 'sk-test-abcdefghijklmnopqrstuvwxyz';
    const facts: ExchangeFacts = {
      seq: 3,
      route: 'primary',
      startedAt: Date.UTC(2026, 0, 1),
      atMs: 10.04,
      method: 'POST',
      path: `/v1/chat/completions?key=${secret}`,
      rawHeaders: [
        'X-Stainless-Retry-Count',
        '2',
        'Authorization',
        `Bearer ${secret}`,
        'idempotency-key',
        secret,
        'x-retry-attempt',
        '1',
        'X-Retry-Attempt',
        '2',
      ],
      body: Buffer.from(JSON.stringify({ model: `m-${secret}`, stream: true })),
      status: 429,
      responseHeaders: { 'retry-after': '1', 'x-other': 'no' },
      responseBytes: 12,
      headersAt: 12.5,
      endedAt: 20.06,
      outcome: 'completed',
      faults: ['status'],
      upstream: false,
      error: `failed with ${secret}`,
    };
    const attempt = toAttempt(facts, createRedactor({ secrets: [secret] }));
    expect(JSON.stringify(attempt)).not.toContain(secret);
    expect(attempt).toMatchObject({
      seq: 3,
      startedAt: '2026-01-01T00:00:00.000Z',
      atMs: 10,
      stream: true,
      status: 429,
      headersMs: 2.5,
      totalMs: 10,
      retryHeaders: { 'x-stainless-retry-count': '2', 'x-retry-attempt': '1, 2' },
      retrySignals: { 'retry-after': '1' },
      requestBytes: facts.body.length,
      faults: ['status'],
    });
    expect(attempt.retryHeaders).toHaveProperty('idempotency-key');
    expect(attempt.model).toMatch(/^m-/);
  });
});

describe('isoTime', () => {
  test('formats any whole millisecond like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
    );
    for (const ms of [0, 999, 1000, 1001, Date.UTC(2026, 5, 1, 12, 0, 0, 7), 1.5]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
