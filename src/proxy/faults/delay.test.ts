import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import type { Fault } from '../types.js';
import { delay } from './delay.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

/** A fault that only tells when the chain reached it. */
function spy(onReach: () => void): Fault {
  return (next) => (request, response) => {
    onReach();
    return next(request, response);
  };
}

test('a 500 ms delay holds the answer back at least 500 ms, once, and the answer is intact', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [delay(500)] });
  await send(proxy.url); // warm the upstream connection so the bound measures the fault, not a handshake
  const answer = await send(proxy.url);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body).choices[0].message.content).toBe('contract_probe_ok');
  // A timer never fires early, so the lower bound holds on any machine. The upper bound only says the delay
  // was applied once (not twice, not per chunk): a loaded machine adds scheduling lag, never another 500 ms.
  expect(answer.headersMs).toBeGreaterThanOrEqual(500);
  expect(answer.headersMs).toBeLessThan(1000);
  expect(proxy.attempts()[1]?.headersMs).toBeGreaterThanOrEqual(500);
  expect(proxy.attempts()[1]?.faults).toEqual(['delay:500']);
});

test('does not forward a request whose client left during the delay', async () => {
  upstream = await startFixtureUpstream();
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  let forwarded = false;
  proxy = await startProxy({
    upstream: upstream.url,
    faults: [spy(() => arrived()), delay(300), spy(() => (forwarded = true))],
  });
  const controller = new AbortController();
  const pending = fetch(`${proxy.url}/chat/completions`, {
    method: 'POST',
    body: '{}',
    signal: controller.signal,
  });
  await arrival;
  controller.abort();
  await expect(pending).rejects.toThrow();
  // idle() waits for the fault chain to return: a delay that ignored the client leaving returns only after its
  // timer fired and the request went on, so `forwarded` below would be true. No guess at how long is enough.
  await proxy.idle();
  expect(forwarded).toBe(false);
  expect(upstream.received()).toBe(0);
  expect(proxy.stats()).toMatchObject({ active: 0, upstreamOpen: 0 });
  expect(proxy.attempts()[0]?.outcome).toBe('client-closed');
});
