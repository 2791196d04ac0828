import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { faults, type RunningProxy, startProxy } from '../src/proxy/index.js';

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

/** An upstream that counts the bytes it receives and answers once the body has ended. */
async function countingUpstream(): Promise<{ url: string; received: () => number; requests: () => number }> {
  let received = 0;
  let requests = 0;
  upstream = createServer((req, res) => {
    requests++;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received }));
    });
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`,
    received: () => received,
    requests: () => requests,
  };
}

/** Uploads `bytes` to `url` in 1 MiB chunks with backpressure; resolves with the status and the peak RSS. */
async function upload(url: string, bytes: number): Promise<{ status: number | undefined; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const status = await new Promise<number | undefined>((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
  clearInterval(sampler);
  return { status, peak };
}

test('a 500 MB upload is streamed through the proxy to the upstream whole, with RSS under 200 MB', async () => {
  const target = await countingUpstream();
  proxy = await startProxy({ upstream: target.url });
  const { status, peak } = await upload(`${proxy.url}/chat/completions`, UPLOAD);
  console.info(`500 MB upload streamed: peak RSS ${Math.round(peak / 1e6)} MB, answer ${status}`);
  expect(peak).toBeLessThan(RSS_BOUND);
  expect(status).toBe(200);
  expect(target.received()).toBe(UPLOAD);
  await proxy.idle();
  expect(proxy.attempts()[0]).toMatchObject({
    status: 200,
    upstream: true,
    requestBytes: UPLOAD,
    bodyStreamed: true,
  });
}, 120_000);

test('an oversized body a fault answers itself is drained: the client gets the fault, the upstream nothing', async () => {
  const target = await countingUpstream();
  proxy = await startProxy({
    upstream: target.url,
    faults: [faults.status({ status: 503, envelope: () => ({ headers: {}, body: '{}' }) })],
    maxRequestBytes: 1024,
  });
  const { status } = await upload(`${proxy.url}/chat/completions`, 8 * 1024 * 1024);
  expect(status).toBe(503);
  expect(target.requests()).toBe(0);
  await proxy.idle();
  expect(proxy.attempts()[0]).toMatchObject({ status: 503, upstream: false, bodyStreamed: true });
}, 60_000);

test('a body within maxRequestBytes is held whole and not marked streamed', async () => {
  const target = await countingUpstream();
  proxy = await startProxy({ upstream: target.url, maxRequestBytes: 4 * 1024 * 1024 });
  const { status } = await upload(`${proxy.url}/chat/completions`, 2 * 1024 * 1024);
  expect(status).toBe(200);
  expect(target.received()).toBe(2 * 1024 * 1024);
  await proxy.idle();
  const [attempt] = proxy.attempts();
  expect(attempt).toMatchObject({ requestBytes: 2 * 1024 * 1024, upstream: true });
  expect(attempt?.bodyStreamed).toBeUndefined();
}, 60_000);
