import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { createHttpClient, type HttpClient } from './client.js';
import type { ExchangeRedactor } from './types.js';
import { UNRESOLVABLE_HOST, unresolvable } from './unresolvable.fixture.js';

const SECRET = 'sk-test-secret-value-000000000000';
const redactor: ExchangeRedactor = {
  text: (s) => s.split(SECRET).join('[REDACTED]'),
  headers: (h) =>
    Object.fromEntries(
      Object.entries(h).map(([k, v]) => [k, k.toLowerCase() === 'authorization' ? '[REDACTED]' : v]),
    ),
  url: (u) => u.split(SECRET).join('[REDACTED]'),
};

let server: Server | undefined;
let client: HttpClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function make(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  client = createHttpClient({ timeoutMs: 2000, redactor, ...extra });
  return client;
}

describe('evidence HTTP client', () => {
  test('captures status, headers, body and phase timings, and redacts the key everywhere', async () => {
    const url = await serve((req, res) => {
      res.setHeader('x-request-id', 'req-42');
      res.end(JSON.stringify({ echo: req.headers.authorization }));
    });
    const exchange = await make({ requestIdFrom: 'header:X-Request-Id' }).send({
      method: 'POST',
      url: `${url}/v1/chat`,
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: `{"k":"${SECRET}"}`,
    });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.requestId).toBe('req-42');
    expect(exchange.bodyEnd).toBe('complete');
    expect(exchange.timings.connectMs).toBeTypeOf('number');
    expect(exchange.timings.firstByteMs).toBeTypeOf('number');
    expect(exchange.timings.totalMs).toBeGreaterThanOrEqual(exchange.timings.firstByteMs ?? 0);
    expect(JSON.stringify(exchange)).not.toContain(SECRET);
  });

  test('takes the request id from the error message when the ledger says so', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 400;
      res.end('{"error":{"message":"model name is required (request id: 2026ABC)"}}');
    });
    const exchange = await make({ requestIdFrom: 'message:\\(request id: ([^)]+)\\)' }).send({
      method: 'POST',
      url,
      headers: {},
      body: '{}',
    });
    expect(exchange.requestId).toBe('2026ABC');
  });

  test('records a redirect as the answer instead of following it', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(301, { location: '/elsewhere' });
      res.end('<html>moved</html>');
    });
    const exchange = await make().send({ method: 'POST', url, headers: {}, body: '{}' });
    expect(exchange.response?.status).toBe(301);
    expect(exchange.response?.headers.location).toBe('/elsewhere');
  });

  test('cuts the capture at the size limit and says so', async () => {
    const url = await serve((_req, res) => res.end('x'.repeat(10_000)));
    const exchange = await make({ maxBodyBytes: 100 }).send({ method: 'GET', url, headers: {} });
    expect(exchange.response?.body).toHaveLength(100);
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.error).toBeUndefined();
  });

  test('a server that never answers is a timeout observation, not an exception', async () => {
    const url = await serve(() => {});
    const exchange = await make({ timeoutMs: 150 }).send({ method: 'GET', url, headers: {} });
    expect(exchange.response).toBeUndefined();
    expect(exchange.error?.code).toBe('timeout');
    expect(exchange.error?.message).toMatch(/local timeout of 150 ms/);
  });

  test('a refused port is an observation with a clear message', async () => {
    const url = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const exchange = await make().send({ method: 'GET', url, headers: {} });
    expect(exchange.error).toMatchObject({ code: 'refused', errno: 'ECONNREFUSED' });
    expect(exchange.error?.message).toMatch(/connection refused/);
  });

  test('TLS against a plain-http port is a TLS observation', async () => {
    const url = await serve((_req, res) => res.end('plain'));
    const exchange = await make().send({ method: 'GET', url: url.replace('http:', 'https:'), headers: {} });
    expect(exchange.error?.code).toBe('tls');
    expect(exchange.error?.message).toMatch(/TLS handshake/);
  });

  test('an unresolvable host is a DNS observation', async () => {
    onTestFinished(unresolvable());
    const exchange = await make({ timeoutMs: 5000 }).send({
      method: 'GET',
      url: `http://${UNRESOLVABLE_HOST}/v1`,
      headers: {},
    });
    expect(exchange.error).toMatchObject({ code: 'dns', errno: 'ENOTFOUND' });
    expect(exchange.error?.message).toBe(
      `DNS lookup failed for ${UNRESOLVABLE_HOST} (ENOTFOUND): check the base URL's host name`,
    );
    expect(exchange.response).toBeUndefined();
  });

  test('a stream cut mid-body is marked cut, with the events read so far', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\r\n\r\ndata: {"n"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const exchange = await make().stream({ method: 'POST', url, headers: {}, body: '{}' });
    expect(exchange.bodyEnd).toBe('cut');
    expect(exchange.events.map((e) => e.data)).toEqual(['{"n":1}']);
    expect(exchange.framing.incomplete).toBe(true);
    expect(exchange.framing.crlf).toBe(2);
    expect(exchange.events[0]?.atMs).toBeTypeOf('number');
  });

  test('reads a complete stream and redacts event data', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`: keep-alive\n\ndata: ${SECRET}\n\ndata: [DONE]\n\n`);
    });
    const exchange = await make().stream({ method: 'POST', url, headers: {}, body: '{}' });
    expect(exchange.bodyEnd).toBe('complete');
    expect(exchange.events.map((e) => e.data)).toEqual(['[REDACTED]', '[DONE]']);
    expect(exchange.framing.comments).toBe(1);
    expect(JSON.stringify(exchange)).not.toContain(SECRET);
  });

  test('reuses the connection within a run, so later requests have no connect phase', async () => {
    const url = await serve((_req, res) => res.end('ok'));
    const http = make();
    await http.send({ method: 'GET', url, headers: {} });
    const second = await http.send({ method: 'GET', url, headers: {} });
    expect(second.timings.connectMs).toBeUndefined();
    expect(second.response?.body).toBe('ok');
  });

  test('ends an answer that sends headers and then stalls, naming the stall limit', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {}\n\n');
      // then silence: no further byte, connection kept open
    });
    const exchange = await make({ timeoutMs: 20_000, stallMs: 300 }).send({
      method: 'GET',
      url: `${url}/`,
      headers: {},
    });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.bodyEnd).toBe('timeout');
    expect(exchange.error?.message).toMatch(/^stalled: .* no byte for 300 ms \(stall limit\)$/);
    expect(exchange.timings.totalMs).toBeLessThan(15_000);
  });
});
