import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { resetBeforeHeaders } from './reset-before-headers.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('resets the connection before any status line', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [resetBeforeHeaders()] });
  const answer = await send(proxy.url);
  expect(answer.status).toBeUndefined();
  expect(answer.error).toMatch(/ECONNRESET|socket hang up/);
  expect(upstream.received()).toBe(0);
  expect(proxy.attempts()[0]).toMatchObject({ outcome: 'reset', faults: ['reset-before-headers'] });
});
