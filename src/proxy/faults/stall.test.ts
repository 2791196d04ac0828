import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { stall } from './stall.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('sends the first stream event, then nothing until the cap resets the connection', async () => {
  upstream = await startFixtureUpstream({ chunks: 4 });
  proxy = await startProxy({ upstream: upstream.url, faults: [stall({ afterEvents: 1, maxMs: 80 })] });
  const answer = await send(proxy.url, { stream: true });
  expect(answer.status).toBe(200);
  expect(answer.complete).toBe(false);
  expect(answer.body.split('\n\n').filter(Boolean)).toHaveLength(1);
  expect(answer.totalMs).toBeGreaterThanOrEqual(70);
  await proxy.idle();
  expect(proxy.attempts()[0]).toMatchObject({ outcome: 'reset', faults: ['stall'] });
});

test('sends half a JSON body under the whole length, then holds it', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [stall({ maxMs: 50 })] });
  const answer = await send(proxy.url);
  expect(answer.complete).toBe(false);
  expect(Number(answer.headers['content-length'])).toBeGreaterThan(Buffer.byteLength(answer.body));
  expect(answer.body.length).toBeGreaterThan(0);
});
