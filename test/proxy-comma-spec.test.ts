/**
 * `chatproof proxy --fault` reads the one fault-spec grammar: `,` joins as `+` does, and a drift name is a usage
 * error (drifts are served by the simulator).
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../src/proxy/fixture.js';
import { startCli } from './helpers/cli.js';

let upstream: FixtureUpstream;
beforeEach(async () => {
  upstream = await startFixtureUpstream();
});
afterEach(async () => {
  await upstream.close();
});

const runProxy = (fault: string) =>
  startCli(['proxy', '--upstream', upstream.url, '--fault', fault], { cwd: process.cwd() });

test('chatproof proxy --fault takes a comma-joined spec: the first request meets the 503, the next passes', async () => {
  const proxy = runProxy('status-503*1, slow-first-byte:5');
  const url = await Promise.race([proxy.firstLine, proxy.done.then((code) => `exited ${code}`)]);
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
  expect(proxy.stderr()).toContain('drift usage-missing is served by the simulator');
});
