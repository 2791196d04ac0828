import { afterEach, describe, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { retryAfter, retryAfterHeader } from './retry-after.js';
import { status } from './status.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

describe('retry-after fault', () => {
  test('adds Retry-After in seconds to an injected 429', async () => {
    upstream = await startFixtureUpstream();
    proxy = await startProxy({
      upstream: upstream.url,
      faults: [retryAfter({ seconds: 2 }), status({ status: 429, envelope })],
    });
    const answer = await send(proxy.url);
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('2');
    expect(proxy.attempts()[0]?.retrySignals).toEqual({ 'retry-after': '2' });
  });

  test('adds retry-after-ms', async () => {
    upstream = await startFixtureUpstream();
    proxy = await startProxy({ upstream: upstream.url, faults: [retryAfter({ ms: 1500 })] });
    const answer = await send(proxy.url);
    expect(answer.status).toBe(200);
    expect(answer.headers['retry-after-ms']).toBe('1500');
  });

  test('writes an HTTP date at least the asked seconds ahead, rounded up to the next second', () => {
    const now = Date.parse('2026-06-09T10:00:00.300Z');
    const [name, value] = retryAfterHeader({ dateInSeconds: 2 }, now);
    expect(name).toBe('retry-after');
    expect(value).toBe('Tue, 09 Jun 2026 10:00:03 GMT');
    expect(Date.parse(value) - now).toBeGreaterThanOrEqual(2000);
  });
});
