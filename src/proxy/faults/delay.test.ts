import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { delay } from './delay.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('a 500 ms delay lands within [500, 550] ms and the answer is intact', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [delay(500)] });
  await send(proxy.url); // warm the upstream connection so the bound measures the fault, not a handshake
  const answer = await send(proxy.url);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body).choices[0].message.content).toBe('contract_probe_ok');
  // A behaviour bound, not a speed claim: the delay must never be shorter, and only a little longer.
  expect(answer.headersMs).toBeGreaterThanOrEqual(500);
  expect(answer.headersMs).toBeLessThanOrEqual(550);
  expect(proxy.attempts()[1]?.headersMs).toBeGreaterThanOrEqual(500);
});

test('does not forward a request whose client left during the delay', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [delay(300)] });
  const controller = new AbortController();
  const pending = fetch(`${proxy.url}/chat/completions`, {
    method: 'POST',
    body: '{}',
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 50);
  await expect(pending).rejects.toThrow();
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(upstream.received()).toBe(0);
  expect(proxy.attempts()[0]?.outcome).toBe('client-closed');
});
