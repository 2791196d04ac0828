import { afterEach, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/index.js';
import { type FixtureUpstream, startFixtureUpstream } from './fixture.js';
import { nestsDeeperThan } from './json-depth.js';
import { type RunningProxy, startProxy } from './server.js';

let upstream: FixtureUpstream | undefined;
let simulator: Simulator | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  await simulator?.close();
  proxy = undefined;
  upstream = undefined;
  simulator = undefined;
});

/** POSTs a raw body to the proxy's chat path; never rejects. */
async function post(base: string, body: string, headers: Record<string, string> = {}) {
  try {
    const response = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    await response.arrayBuffer();
    return { status: response.status, error: undefined };
  } catch (error) {
    return { status: undefined, error: String(error) };
  }
}

const DEEP = `{"model":"m","stream":true,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

test('nesting depth is measured without recursion, strings skipped', () => {
  expect(nestsDeeperThan(Buffer.from(DEEP))).toBe(true);
  expect(nestsDeeperThan(Buffer.from(`{"a":"${'['.repeat(1000)}"}`))).toBe(false);
  expect(nestsDeeperThan(Buffer.from('{"a":[[1]]}'), 2)).toBe(true);
});

test('a body nested 100,000 levels deep is recorded as opaque and the proxy keeps serving', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url });
  const deep = await post(proxy.url, DEEP);
  expect(deep.error).toBeUndefined();
  const after = await post(proxy.url, '{"model":"m","messages":[]}');
  expect(after.status).toBe(200);
  await proxy.idle();
  const attempts = proxy.attempts();
  expect(attempts).toHaveLength(2);
  expect(attempts[0]?.model).toBeUndefined();
  expect(attempts[0]?.requestBytes).toBe(Buffer.byteLength(DEEP));
});

test('in front of the simulator, a deep body gets an answer, not a dead proxy', async () => {
  simulator = await startSimulator({ profile: 'cometapi', seed: 1 });
  proxy = await startProxy({ upstream: simulator.url });
  const deep = await post(proxy.url, DEEP, { authorization: `Bearer ${simulator.apiKey}` });
  expect(deep.status).toBeGreaterThanOrEqual(400);
  const after = await post(proxy.url, '{}');
  expect(after.status).toBeDefined();
});
