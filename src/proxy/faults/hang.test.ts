import http from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { hang } from './hang.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

test('never answers; the attempt ends when the client gives up', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [hang()] });
  const outcome = await new Promise<string>((resolve) => {
    const req = http.request(`${proxy.url}/chat/completions`, { method: 'POST', agent: false, timeout: 150 });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('response', () => resolve('answered'));
    req.on('error', (error) => resolve(error.message));
    req.end('{}');
  });
  expect(outcome).toBe('client timeout');
  await proxy.idle();
  const [attempt] = proxy.attempts();
  expect(attempt).toMatchObject({ outcome: 'client-closed', faults: ['hang'], upstream: false });
  expect(attempt?.status).toBeUndefined();
  // The client's 150 ms idle timer starts before the proxy sees the request, so the attempt's own duration has no
  // sound lower bound on a loaded machine; that it ended by the client closing is what the fault promises.
  expect(attempt?.totalMs).toBeGreaterThan(0);
  expect(upstream.received()).toBe(0);
});

test('with maxMs, drops the connection itself so a client without a timeout is released', async () => {
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url, faults: [hang({ maxMs: 100 })] });
  const answer = await send(proxy.url);
  expect(answer.status).toBeUndefined();
  expect(answer.error).toMatch(/ECONNRESET|socket hang up/);
  expect(answer.totalMs).toBeGreaterThanOrEqual(95);
  expect(proxy.attempts()[0]?.outcome).toBe('reset');
});
