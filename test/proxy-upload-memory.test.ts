import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { type RunningProxy, startProxy } from '../src/proxy/index.js';

/** The bound the issue states: the proxy (here, this whole test process) stays under 200 MB during the upload. */
const RSS_BOUND = 200 * 1024 * 1024;
const UPLOAD = 500 * 1024 * 1024;

let upstream: Server | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  proxy = undefined;
  upstream = undefined;
});

test('a 500 MB upload through the proxy keeps RSS under 200 MB and is answered 413, never forwarded', async () => {
  let forwarded = 0;
  upstream = createServer((req, res) => {
    forwarded++;
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  proxy = await startProxy({ upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1` });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const status = await new Promise<number | undefined>((resolve) => {
    const req = request(`${proxy!.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
    let sent = 0;
    const pump = () => {
      while (sent < UPLOAD) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
  clearInterval(sampler);
  console.info(`500 MB upload: peak RSS ${Math.round(peak / 1e6)} MB, answer ${status}`);
  expect(peak).toBeLessThan(RSS_BOUND);
  expect(status).toBe(413);
  expect(forwarded).toBe(0);
  await proxy.idle();
  expect(proxy.attempts()[0]).toMatchObject({ status: 413, upstream: false });
}, 120_000);
