import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../src/proxy/fixture.js';
import { type RunningProxy, startProxy } from '../src/proxy/index.js';

let upstream: FixtureUpstream | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});

describe('fault proxy pass-through', () => {
  test('forwards a JSON call byte for byte and records the attempt', async () => {
    upstream = await startFixtureUpstream();
    proxy = await startProxy({ upstream: upstream.url });
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const direct = await send(upstream.url, { model: 'gpt-test' });
    const answer = await send(proxy.url, { model: 'gpt-test' });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(direct.body);
    const [attempt] = proxy.attempts();
    expect(attempt).toMatchObject({
      seq: 0,
      route: 'primary',
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'gpt-test',
      stream: false,
      status: 200,
      outcome: 'completed',
      upstream: true,
      responseBytes: Buffer.byteLength(direct.body),
      faults: [],
    });
    expect(attempt?.headersMs).toBeLessThanOrEqual(attempt?.totalMs ?? 0);
  });

  test('streams events as they arrive instead of buffering the stream', async () => {
    upstream = await startFixtureUpstream({ chunks: 5, intervalMs: 80 });
    proxy = await startProxy({ upstream: upstream.url });
    const atFirstEvent = await new Promise<{ upstreamOpen: number; recorded: number }>((resolve, reject) => {
      const req = http.request(`${proxy!.url}/chat/completions`, { method: 'POST', agent: false }, (res) => {
        res.once('data', () =>
          resolve({ upstreamOpen: upstream!.open(), recorded: proxy!.attempts().length }),
        );
        res.resume();
      });
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'm', stream: true }));
    });
    // The whole stream takes 8 × 80 ms; the first event reaches the client while the upstream is still sending
    // and before the attempt is over, whatever the machine's speed.
    expect(atFirstEvent).toEqual({ upstreamOpen: 1, recorded: 0 });
    await proxy.idle();
    expect(proxy.attempts()[0]).toMatchObject({ stream: true, outcome: 'completed' });
  });

  test('an abandoned client aborts its upstream request', async () => {
    upstream = await startFixtureUpstream({ chunks: 50, intervalMs: 20 });
    proxy = await startProxy({ upstream: upstream.url });
    await new Promise<void>((resolve) => {
      const req = http.request(`${proxy!.url}/chat/completions`, { method: 'POST', agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end(JSON.stringify({ stream: true }));
    });
    await proxy.idle();
    // The upstream sees the abort over its own socket, a moment after the proxy sent it.
    await upstream.drained();
    expect(upstream.open()).toBe(0);
    expect(upstream.aborted()).toBe(1);
    expect(proxy.stats()).toMatchObject({ active: 0, upstreamOpen: 0, proxyErrors: 0 });
    expect(proxy.attempts()[0]?.outcome).toBe('client-closed');
  });

  test('records retry headers and redacts secrets from what it stores', async () => {
    upstream = await startFixtureUpstream();
    const secret = 'sk-test-1234567890abcdefghijklmnop';
    const log = join(await mkdtemp(join(tmpdir(), 'chatproof-proxy-')), 'attempts.jsonl');
    proxy = await startProxy({ upstream: upstream.url, log, secrets: [secret] });
    await fetch(`${proxy.url}/chat/completions?key=${secret}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secret}`,
        'x-stainless-retry-count': '1',
        'x-stainless-timeout': '600',
      },
      body: JSON.stringify({ model: 'm', messages: [] }),
    }).then((response) => response.text());
    await proxy.flush();
    const written = await readFile(log, 'utf8');
    expect(written).not.toContain(secret);
    const attempt = JSON.parse(written.trim());
    expect(attempt.retryHeaders).toEqual({ 'x-stainless-retry-count': '1', 'x-stainless-timeout': '600' });
    expect(attempt.path).not.toContain(secret);
    await rm(join(log, '..'), { recursive: true });
  });

  test('a named route forwards to its own upstream and records the route', async () => {
    upstream = await startFixtureUpstream();
    const second = await startFixtureUpstream();
    try {
      proxy = await startProxy({ upstream: upstream.url, routes: { fallback: { upstream: second.url } } });
      const fallbackUrl = proxy.routeUrl('fallback');
      expect(fallbackUrl).toMatch(/\/~fallback\/v1$/);
      await send(proxy.url);
      await send(fallbackUrl);
      expect(proxy.attempts().map((attempt) => [attempt.route, attempt.path])).toEqual([
        ['primary', '/v1/chat/completions'],
        ['fallback', '/v1/chat/completions'],
      ]);
      expect(second.received()).toBe(1);
      expect(upstream.received()).toBe(1);
    } finally {
      await second.close();
    }
  });

  test('an unreachable upstream becomes a 502 recorded as an upstream error', async () => {
    const gone = await startFixtureUpstream();
    const url = gone.url;
    await gone.close();
    proxy = await startProxy({ upstream: url });
    const answer = await send(proxy.url);
    expect(answer.status).toBe(502);
    expect(proxy.attempts()[0]).toMatchObject({ outcome: 'upstream-error', error: 'ECONNREFUSED' });
    expect(proxy.stats().proxyErrors).toBe(0);
  });

  test('refuses an upstream that is not an http(s) URL', async () => {
    await expect(startProxy({ upstream: 'ftp://example.com' })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});

test('disconnected() resolves at once with no client, and only after an open client connection closes', async () => {
  const { connect } = await import('node:net');
  upstream = await startFixtureUpstream();
  proxy = await startProxy({ upstream: upstream.url });
  await proxy.disconnected();
  const { port } = new URL(proxy.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  // The server has accepted it once it counts it.
  for (let turn = 0; turn < 1000 && (await proxy.connections()) === 0; turn += 1)
    await new Promise<void>((resolve) => setImmediate(resolve));
  expect(await proxy.connections()).toBe(1);
  let done = false;
  const waiting = proxy.disconnected().then(() => {
    done = true;
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(done).toBe(false);
  socket.destroy();
  await waiting;
  expect(await proxy.connections()).toBe(0);
});
