import { describe, expect, test } from 'vitest';
import type { Attempt } from '../../proxy/index.js';
import { askedWaitMs, fellBack, observeCalls, waitedSinceHeadersMs } from './observe.js';
import { AUDIT_RULES, type AuditRuleContext } from './rules.js';

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

  test('an HTTP date is read against the moment the header was written, with no rounding to whole seconds', () => {
    // Written at 10:00:00.700 asking for "10:00:02": the client is to wait 1300 ms, not 2000 or 1000.
    const dated = attempt({
      startedAt: '2026-06-09T10:00:00.690Z',
      headersMs: 10,
      retrySignals: { 'retry-after': 'Tue, 09 Jun 2026 10:00:02 GMT' },
    });
    expect(askedWaitMs(dated)).toBe(1300);
  });

  test('the wait before a retry counts from when the previous answer was written, not from its recorded end', () => {
    const previous = attempt({ atMs: 1000, headersMs: 13, totalMs: 90 });
    expect(waitedSinceHeadersMs(previous, attempt({ seq: 1, atMs: 3702 }))).toBe(2689);
    expect(waitedSinceHeadersMs(attempt({ atMs: 0, totalMs: 5 }), attempt({ seq: 1, atMs: 50 }))).toBe(
      undefined,
    );
  });

  test('a change of route or model is a fallback', () => {
    const [same] = observeCalls([attempt({ model: 'a' }), attempt({ seq: 1, atMs: 50, model: 'a' })]);
    const [model] = observeCalls([attempt({ model: 'a' }), attempt({ seq: 1, atMs: 50, model: 'b' })]);
    const [route] = observeCalls([attempt({}), attempt({ seq: 1, atMs: 50, route: 'fallback' })]);
    expect([fellBack(same!), fellBack(model!), fellBack(route!)]).toEqual([false, true, true]);
  });
});

describe('judging whether a client honoured Retry-After', () => {
  const rule = AUDIT_RULES.find((candidate) => candidate.id === 'honours-retry-after')!;
  const judge = (attempts: Attempt[]) => {
    const context = {
      scenario: { name: 'rate-limit-retry-after-date', kind: 'rate-limit' },
      policy: { noFallback: true },
      calls: observeCalls(attempts),
      run: { exitCode: 0, signal: null, timedOut: false, durationMs: 0, stdoutTail: '', stderrTail: '' },
      clauseValue: () => undefined,
    } as unknown as AuditRuleContext;
    return rule.applies(context) ? rule.judge(context) : undefined;
  };
  // The 429 is written at 10:00:00.313 with "Retry-After: 10:00:03": 2687 ms asked. The proxy recorded the end
  // of that answer 77 ms after its headers (a loaded machine), which once made this client look 75 ms early.
  const limited = attempt({
    startedAt: '2026-06-09T10:00:00.300Z',
    atMs: 1000,
    headersMs: 13,
    totalMs: 90,
    status: 429,
    faults: ['status:429', 'retry-after'],
    retrySignals: { 'retry-after': 'Tue, 09 Jun 2026 10:00:03 GMT' },
  });

  test('a client that waited until the date passes even when the answer was recorded as ending late', () => {
    // It read the headers 5 ms after they were written, slept until the date, and arrived 2 ms later.
    const retry = attempt({ seq: 1, atMs: 1000 + 13 + 5 + 2682 + 2, status: 200 });
    const [call] = observeCalls([limited, retry]);
    expect(call!.delaysMs).toEqual([2612]);
    expect(judge([limited, retry])).toEqual({
      ok: true,
      message: 'every retry waited at least as long as asked',
    });
  });

  test('a client that retries well before the date fails', () => {
    const retry = attempt({ seq: 1, atMs: 1000 + 13 + 400, status: 200 });
    expect(judge([limited, retry])).toEqual({
      ok: false,
      message: 'asked to wait 2687 ms, the client retried after 400 ms',
    });
  });

  test('a client that retries a few timer ticks early still honours the signal, a tenth of a second early does not', () => {
    const signalled = attempt({
      atMs: 0,
      headersMs: 3,
      totalMs: 4,
      retrySignals: { 'retry-after-ms': '1200' },
    });
    expect(judge([signalled, attempt({ seq: 1, atMs: 3 + 1195 })])?.ok).toBe(true);
    expect(judge([signalled, attempt({ seq: 1, atMs: 3 + 1100 })])?.ok).toBe(false);
  });
});
