import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { BROKEN_JSON, malformed } from './malformed.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('a JSON answer keeps its status and media type, and its body does not parse', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [malformed()] });
  const answer = await send(proxy.url);
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/json/);
  expect(answer.body).toBe(BROKEN_JSON);
  expect(() => JSON.parse(answer.body)).toThrow();
});

test('a stream gets one broken event after its first, and every other event intact', async () => {
  upstream = await startFixtureUpstream({ chunks: 3, intervalMs: 2 });
  const plain = await send(upstream.url, { stream: true });
  proxy = await startProxy({ upstream: upstream.url, faults: [malformed()] });
  const answer = await send(proxy.url, { stream: true });
  const events = (body: string) => body.split('\n\n').filter(Boolean);
  expect(events(answer.body)).toEqual([
    events(plain.body)[0],
    `data: ${BROKEN_JSON}`,
    ...events(plain.body).slice(1),
  ]);
});
