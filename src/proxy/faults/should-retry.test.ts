import { afterEach, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { shouldRetry } from './should-retry.js';
import { status } from './status.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('adds x-should-retry to the answer and records it as a retry signal', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({
    upstream: upstream.url,
    faults: [shouldRetry(false), status({ status: 503, envelope })],
  });
  const answer = await send(proxy.url);
  expect(answer.status).toBe(503);
  expect(answer.headers['x-should-retry']).toBe('false');
  expect(proxy.attempts()[0]?.retrySignals).toEqual({ 'x-should-retry': 'false' });
});
