/**
 * `chatproof proxy --fault` reads the one fault-spec grammar: `,` joins as `+` does, and a drift name is a usage
 * error (drifts are served by the simulator).
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { main } from '../src/cli/main.js';
import { type FixtureUpstream, send, startFixtureUpstream } from '../src/proxy/fixture.js';

let upstream: FixtureUpstream;
beforeEach(async () => {
  upstream = await startFixtureUpstream();
});
afterEach(async () => {
  await upstream.close();
});

function runProxy(fault: string) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let announced: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    announced = resolve;
  });
  const done = main(['proxy', '--upstream', upstream.url, '--fault', fault], {
    cwd: process.cwd(),
    env: { NO_COLOR: '1' },
    isTTY: false,
    signal: controller.signal,
    stdout: {
      write: (text) => {
        out.push(text);
        announced(text.trim());
      },
    },
    stderr: { write: (text) => err.push(text) },
  });
  return { done, url, stop: () => controller.abort(), err };
}

test('chatproof proxy --fault takes a comma-joined spec: the first request meets the 503, the next passes', async () => {
  const proxy = runProxy('status-503*1, slow-first-byte:5');
  const url = await Promise.race([proxy.url, proxy.done.then((code) => `exited ${code}`)]);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  const statuses = [];
  for (let index = 0; index < 2; index += 1) statuses.push((await send(url, {})).status);
  proxy.stop();
  expect(await proxy.done).toBe(0);
  expect(statuses).toEqual([503, 200]);
});

test('chatproof proxy --fault refuses a drift name with a usage error naming it', async () => {
  const proxy = runProxy('status-503*1,usage-missing');
  expect(await proxy.done).toBe(64);
  expect(proxy.err.join('')).toContain('drift usage-missing is served by the simulator');
});
