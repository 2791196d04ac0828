import { afterEach, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { sequence } from './sequence.js';
import { status } from './status.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('fails the first N requests, then passes', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({
    upstream: upstream.url,
    faults: [sequence(2, status({ status: 503, envelope }))],
  });
  const statuses: (number | undefined)[] = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await send(proxy.url)).status);
  expect(statuses).toEqual([503, 503, 200, 200]);
  expect(upstream.received()).toBe(2);
});
