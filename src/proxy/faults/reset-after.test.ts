import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { resetAfter } from './reset-after.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('resets the socket after the first N bytes of the body', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [resetAfter(40)] });
  const answer = await send(proxy.url, { stream: true });
  expect(answer.status).toBe(200);
  expect(answer.complete).toBe(false);
  expect(answer.error).toMatch(/ECONNRESET|aborted/);
  expect(Buffer.byteLength(answer.body)).toBe(40);
  expect(proxy.attempts()[0]).toMatchObject({ outcome: 'reset', responseBytes: 40 });
});
