/**
 * Reliability over real sockets: many concurrent streams leave no connection behind, and slow-drip headers,
 * abandoned uploads, idle keep-alive sockets and abandoned streams are cut off by server-side timeouts.
 * (The 30-second, 500-stream soak with memory rounds is in bench/simulator.bench.mjs.)
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import type { Simulator } from '../src/simulator/index.js';
import { eventually, faultHeader, HELLO, KEY, observe, start } from './simulator/helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const STREAM_BODY = JSON.stringify({ ...HELLO, stream: true, stream_options: { include_usage: true } });

function streamOnce(target: Simulator, agent: Agent): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpRequest(
      `${target.url}/chat/completions`,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve(res.statusCode === 200 && body.endsWith('data: [DONE]\n\n')));
        res.on('error', () => resolve(false));
      },
    );
    req.on('error', () => resolve(false));
    req.end(STREAM_BODY);
  });
}

test('200 concurrent streaming clients for two seconds: no errors, and every socket closed afterwards', async () => {
  sim = await start();
  const agent = new Agent({ keepAlive: true, maxSockets: 200 });
  const until = Date.now() + 2000;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (Date.now() < until) {
      if (await streamOnce(sim as Simulator, agent)) ok += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: 200 }, worker));
  expect(failed).toBe(0);
  expect(ok).toBeGreaterThan(200);
  expect(await sim.connections()).toBeGreaterThan(0);
  agent.destroy();
  expect(await eventually(async () => (await (sim as Simulator).connections()) === 0)).toBe(true);
});

test('clients abandoning stalled streams leave no connection behind', async () => {
  sim = await start();
  const target = sim;
  const seen = await Promise.all(
    Array.from({ length: 50 }, () =>
      observe(target, JSON.parse(STREAM_BODY), faultHeader('stall-mid-stream'), 1000),
    ),
  );
  expect(seen.every((one) => one.status === 200 && one.error === 'client-timeout')).toBe(true);
  expect(await eventually(async () => (await target.connections()) === 0)).toBe(true);
});

/** Opens a raw socket, writes `first`, then whatever `drip` returns every 50 ms; resolves with what came back. */
function rawSocket(sim: Simulator, first: string, drip: () => string | undefined, maxMs = 5000) {
  const { port } = new URL(sim.url);
  return new Promise<{ closedAfterMs: number; received: string }>((resolve) => {
    const started = Date.now();
    let received = '';
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(first));
    const timer = setInterval(() => {
      const next = drip();
      if (next !== undefined && socket.writable) socket.write(next);
    }, 50);
    const guard = setTimeout(() => socket.destroy(), maxMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(guard);
      resolve({ closedAfterMs: Date.now() - started, received });
    });
  });
}

test('slow-drip headers are cut off at the headers timeout', async () => {
  sim = await start({ timeouts: { headersMs: 300, requestMs: 1000 } });
  let line = 0;
  const result = await rawSocket(
    sim,
    'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n',
    () => `x-drip-${line++}: 1\r\n`,
  );
  expect(result.closedAfterMs).toBeLessThan(2500);
  expect(result.received).toMatch(/^HTTP\/1\.1 408/);
});

test('an abandoned upload (body shorter than its content-length) is cut off at the request timeout', async () => {
  sim = await start({ timeouts: { headersMs: 200, requestMs: 400 } });
  const head =
    'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n' +
    `authorization: Bearer ${KEY}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"model":`;
  const result = await rawSocket(sim, head, () => undefined);
  expect(result.closedAfterMs).toBeLessThan(2500);
  expect(result.received).toMatch(/^HTTP\/1\.1 408/);
});

test('an idle keep-alive connection is closed by the server after the keep-alive timeout', async () => {
  sim = await start({ timeouts: { keepAliveMs: 300 } });
  const body = JSON.stringify(HELLO);
  const request =
    'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nconnection: keep-alive\r\n' +
    `authorization: Bearer ${KEY}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
  const result = await rawSocket(sim, request, () => undefined);
  expect(result.received).toMatch(/^HTTP\/1\.1 200/);
  expect(result.closedAfterMs).toBeGreaterThanOrEqual(250);
  expect(result.closedAfterMs).toBeLessThan(2500);
});

test('close() ends hanging requests and resolves with no connection left', async () => {
  sim = await start();
  const target = sim;
  const pending = observe(target, HELLO, faultHeader('hang'), 5000);
  await eventually(async () => (await target.connections()) === 1);
  await target.close();
  const seen = await pending;
  expect(seen.status).toBeUndefined();
  expect(seen.error).not.toBe('client-timeout');
  expect(await target.connections()).toBe(0);
});
