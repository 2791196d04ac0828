import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { drip } from './drip.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('delivers the whole body piece by piece, no faster than the interval allows', async () => {
  upstream = await startFixtureUpstream();
  const direct = await send(upstream.url, { stream: true });
  proxy = await startProxy({ upstream: upstream.url, faults: [drip({ intervalMs: 5, bytes: 100 })] });
  const answer = await send(proxy.url, { stream: true });
  expect(answer.complete).toBe(true);
  expect(answer.body).toBe(direct.body);
  const pieces = Math.ceil(Buffer.byteLength(direct.body) / 100);
  expect(pieces).toBeGreaterThan(3);
  expect(answer.totalMs).toBeGreaterThanOrEqual(pieces * 5 - 5);
  expect(proxy.attempts()[0]).toMatchObject({
    outcome: 'completed',
    responseBytes: Buffer.byteLength(direct.body),
  });
});
