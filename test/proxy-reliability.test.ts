// Many concurrent streams through the proxy: no proxy errors, no leaked sockets, no orphan upstream requests.
// The 500-stream run is in proxy-reliability.soak.test.ts (the 30 s soak with memory rounds in bench/proxy.bench.mjs).
import { expect, test } from 'vitest';
import { concurrentStreams, proxy, stream, upstream } from './helpers/proxy-streams.js';

test('100 concurrent streams complete with zero proxy errors and no leaked sockets', async () => {
  await concurrentStreams(100);
});

test('abandoned clients leave no orphan upstream request', async () => {
  const before = upstream.aborted();
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => stream(i % 2 === 0)));
  expect(results.filter((result, i) => i % 2 === 1 && !result.done)).toEqual([]);
  await upstream.drained();
  expect(upstream.open()).toBe(0);
  expect(upstream.aborted() - before).toBe(50);
  expect(proxy.stats()).toMatchObject({ active: 0, upstreamOpen: 0, proxyErrors: 0 });
});
