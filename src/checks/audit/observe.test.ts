import { describe, expect, test } from 'vitest';
import type { Attempt } from '../../proxy/index.js';
import { askedWaitMs, fellBack, observeCalls } from './observe.js';

/** A synthetic attempt: only the fields the observation reads matter. */
function attempt(overrides: Partial<Attempt>): Attempt {
  return {
    seq: 0,
    route: 'primary',
    startedAt: '2026-06-09T10:00:00.000Z',
    atMs: 0,
    method: 'POST',
    path: '/v1/chat/completions',
    stream: false,
    retryHeaders: {},
    callKey: 'a',
    retrySignals: {},
    requestBytes: 10,
    responseBytes: 10,
    totalMs: 10,
    outcome: 'completed',
    faults: [],
    upstream: true,
    ...overrides,
  };
}

describe('observing calls', () => {
  test('groups attempts by call key and measures the gap after each answer', () => {
    const calls = observeCalls([
      attempt({ seq: 0, atMs: 0, totalMs: 20, callKey: 'json', status: 500 }),
      attempt({ seq: 1, atMs: 520, totalMs: 20, callKey: 'json', status: 500 }),
      attempt({ seq: 2, atMs: 1540, totalMs: 20, callKey: 'json', status: 200 }),
      attempt({ seq: 3, atMs: 1600, totalMs: 5, callKey: 'stream', stream: true }),
    ]);
    expect(calls.map((call) => [call.callKey, call.attempts.length, call.delaysMs])).toEqual([
      ['json', 3, [500, 1000]],
      ['stream', 1, []],
    ]);
  });

  test('reads retry-after-ms before retry-after, and an HTTP date from when the answer was sent', () => {
    expect(askedWaitMs(attempt({ retrySignals: { 'retry-after-ms': '1200', 'retry-after': '5' } }))).toBe(
      1200,
    );
    expect(askedWaitMs(attempt({ retrySignals: { 'retry-after': '2' } }))).toBe(2000);
    const dated = attempt({
      startedAt: '2026-06-09T10:00:00.000Z',
      headersMs: 500,
      retrySignals: { 'retry-after': 'Tue, 09 Jun 2026 10:00:03 GMT' },
    });
    expect(askedWaitMs(dated)).toBe(2500);
    expect(askedWaitMs(attempt({ retrySignals: { 'retry-after': 'soon' } }))).toBeUndefined();
  });

  test('a change of route or model is a fallback', () => {
    const [same] = observeCalls([attempt({ model: 'a' }), attempt({ seq: 1, atMs: 50, model: 'a' })]);
    const [model] = observeCalls([attempt({ model: 'a' }), attempt({ seq: 1, atMs: 50, model: 'b' })]);
    const [route] = observeCalls([attempt({}), attempt({ seq: 1, atMs: 50, route: 'fallback' })]);
    expect([fellBack(same!), fellBack(model!), fellBack(route!)]).toEqual([false, true, true]);
  });
});
