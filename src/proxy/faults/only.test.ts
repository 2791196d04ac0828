import { afterEach, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { only } from './only.js';
import { status } from './status.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('applies the fault to streaming requests only', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({
    upstream: upstream.url,
    faults: [only('stream', status({ status: 502, envelope }))],
  });
  expect((await send(proxy.url)).status).toBe(200);
  expect((await send(proxy.url, { stream: true })).status).toBe(502);
});
