import { afterEach, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { probability, seededRandom } from './probability.js';
import { status } from './status.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

async function run(seed: number): Promise<(number | undefined)[]> {
  proxy = await startProxy({
    upstream: upstream.url,
    faults: [probability(0.5, status({ status: 503, envelope }), seed)],
  });
  const statuses: (number | undefined)[] = [];
  for (let i = 0; i < 12; i += 1) statuses.push((await send(proxy.url)).status);
  await proxy.close();
  return statuses;
}

test('the same seed gives the same hits, and the rate follows p', async () => {
  upstream = await startFixtureUpstream();
  const first = await run(7);
  const second = await run(7);
  expect(second).toEqual(first);
  expect(first).toContain(503);
  expect(first).toContain(200);
  const random = seededRandom(42);
  let hits = 0;
  for (let i = 0; i < 10_000; i += 1) if (random() < 0.3) hits += 1;
  expect(hits / 10_000).toBeGreaterThan(0.27);
  expect(hits / 10_000).toBeLessThan(0.33);
});
