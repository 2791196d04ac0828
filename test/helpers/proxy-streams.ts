/** Many concurrent streams through the fault proxy, shared by the fast tier and the soak tier. */
import http from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import { type FixtureUpstream, startFixtureUpstream } from '../../src/proxy/fixture.js';
import { type RunningProxy, startProxy } from '../../src/proxy/index.js';

export let upstream: FixtureUpstream;
export let proxy: RunningProxy;
beforeAll(async () => {
  // 12 events 150 ms apart: each stream stays open about 2 s.
  upstream = await startFixtureUpstream({ chunks: 10, intervalMs: 150 });
  proxy = await startProxy({ upstream: upstream.url });
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens one stream; resolves with what arrived, or abandons it after the first event when `abandon`. */
export function stream(abandon: boolean): Promise<{ done: boolean; error?: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${proxy.url}/chat/completions`, { method: 'POST', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        body += text;
        if (abandon) {
          req.destroy();
          resolve({ done: false });
        }
      });
      res.on('end', () => resolve({ done: body.includes('data: [DONE]') }));
      res.on('error', (error) => resolve({ done: false, error: error.message }));
    });
    req.on('error', (error) => resolve({ done: false, error: error.message }));
    req.end(JSON.stringify({ model: 'm', stream: true }));
  });
}

/** Opens `count` streams at once: every one completes, and no socket or upstream request is left open. */
export async function concurrentStreams(count: number): Promise<void> {
  const results = await Promise.all(Array.from({ length: count }, () => stream(false)));
  expect(results.filter((result) => !result.done)).toEqual([]);
  await proxy.disconnected();
  expect(await proxy.connections()).toBe(0);
  expect(proxy.stats()).toEqual({
    active: 0,
    upstreamOpen: 0,
    upstreamErrors: 0,
    proxyErrors: 0,
    awaitingAnswer: 0,
    oldestWaitMs: 0,
  });
  expect(upstream.open()).toBe(0);
  const attempts = proxy.attempts();
  expect(attempts).toHaveLength(count);
  expect(attempts.every((attempt) => attempt.outcome === 'completed' && attempt.status === 200)).toBe(true);
}
