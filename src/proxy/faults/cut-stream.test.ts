import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { cutStream } from './cut-stream.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('ends the stream cleanly after N events, without [DONE] or the finish event', async () => {
  upstream = await startFixtureUpstream({ chunks: 4, intervalMs: 2 });
  proxy = await startProxy({ upstream: upstream.url, faults: [cutStream({ afterEvents: 2 })] });
  const answer = await send(proxy.url, { stream: true });
  expect(answer.complete).toBe(true);
  const events = answer.body.split('\n\n').filter(Boolean);
  expect(events).toHaveLength(2);
  expect(answer.body).not.toContain('[DONE]');
  expect(answer.body).not.toContain('"finish_reason":"stop"');
  expect(proxy.attempts()[0]).toMatchObject({ outcome: 'completed', faults: ['cut-stream:2'] });
});

test('leaves JSON answers alone', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [cutStream()] });
  const answer = await send(proxy.url);
  expect(JSON.parse(answer.body).choices[0].finish_reason).toBe('stop');
  expect(proxy.attempts()[0]?.faults).toEqual([]);
});
