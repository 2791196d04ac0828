import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { truncate } from './truncate.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('cuts a JSON body short but ends it cleanly with a matching length', async () => {
  upstream = await startFixtureUpstream();
  const direct = await send(upstream.url);
  proxy = await startProxy({ upstream: upstream.url, faults: [truncate({ bytes: 30 })] });
  const answer = await send(proxy.url);
  expect(answer.complete).toBe(true);
  expect(answer.body).toBe(direct.body.slice(0, 30));
  expect(answer.headers['content-length']).toBe('30');
  expect(() => JSON.parse(answer.body)).toThrow();
  expect(proxy.attempts()[0]?.faults).toEqual(['truncate:30']);
});

test('keeps half the body by default', async () => {
  upstream = await startFixtureUpstream();
  const direct = await send(upstream.url);
  proxy = await startProxy({ upstream: upstream.url, faults: [truncate()] });
  const answer = await send(proxy.url);
  expect(answer.body.length).toBe(Math.floor(direct.body.length / 2));
});
