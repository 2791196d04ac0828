import { afterEach, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { errorEvent } from './error-event.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('a stream gets one event, then an in-band error event, and no [DONE]', async () => {
  upstream = await startFixtureUpstream({ chunks: 4 });
  proxy = await startProxy({ upstream: upstream.url, faults: [errorEvent({ envelope, status: 503 })] });
  const answer = await send(proxy.url, { stream: true });
  expect(answer).toMatchObject({ status: 200, complete: true });
  const events = answer.body.split('\n\n').filter(Boolean);
  expect(events).toHaveLength(2);
  expect(JSON.parse(events[1]!.slice('data: '.length))).toMatchObject({
    error: { message: expect.any(String) },
  });
  expect(answer.body).not.toContain('[DONE]');
});

test('a JSON request gets the error body with status 200 and the upstream is not contacted', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [errorEvent({ envelope })] });
  const answer = await send(proxy.url);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toHaveProperty('error');
  expect(upstream.received()).toBe(0);
});
