/**
 * One fault engine: every catalogue name does the same thing whether the simulator applies it (the
 * `x-chatproof-fault` header) or the fault proxy does in front of a simulator without faults.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseFaultSpec, type RunningProxy, startProxy } from '../src/proxy/index.js';
import { FAULTS, faultEnvelope, PROFILES, type Simulator } from '../src/simulator/index.js';
import { HELLO, type Observed, observe, start } from './simulator/helpers.js';

const STREAM = { ...HELLO, stream: true, stream_options: { include_usage: true } };
// Short caps and delays, so the transport faults finish quickly; the rest take no parameter.
const PARAM: Record<string, string> = { hang: ':100', 'stall-mid-stream': ':100', 'slow-first-byte': ':20' };

let direct: Simulator;
let behind: Simulator;
beforeAll(async () => {
  const clock = () => new Date(1_750_000_000_000);
  direct = await start({ clock });
  behind = await start({ clock });
});
afterAll(async () => {
  await direct.close();
  await behind.close();
});

/** What a client can tell apart, with ids (the simulator's and the proxy's) and dates removed. */
function seen(result: Observed) {
  const header = (name: string) => result.headers[name];
  return {
    status: result.status,
    broken: result.error !== undefined,
    contentType: header('content-type'),
    retryAfter: /GMT$/.test(String(header('retry-after'))) ? 'date' : header('retry-after'),
    retryAfterMs: header('retry-after-ms'),
    shouldRetry: header('x-should-retry'),
    body: result.body.replace(/chatproof-[0-9a-f]{12}|[0-9a-f]{24}/g, 'ID'),
  };
}

test.each(FAULTS.map((item) => item.name))('%s: the simulator and the proxy answer alike', async (name) => {
  const spec = `${name}${PARAM[name] ?? ''}`;
  let proxy: RunningProxy | undefined;
  try {
    proxy = await startProxy({
      upstream: behind.url,
      faults: [parseFaultSpec(spec, { envelope: faultEnvelope(PROFILES.cometapi) })],
    });
    const viaProxy = { ...behind, url: proxy.url };
    for (const body of [HELLO, STREAM]) {
      const fromSimulator = seen(await observe(direct, body, { 'x-chatproof-fault': spec }));
      const fromProxy = seen(await observe(viaProxy, body));
      const what = `${spec} ${body === STREAM ? 'stream' : 'json'}`;
      if (fromSimulator.broken && fromProxy.broken) {
        // A reset can overtake bytes the client has not read yet on a loaded machine: the parts received must
        // agree as far as both go, not in length.
        const [shorter, longer] = [fromSimulator.body, fromProxy.body].sort((a, b) => a.length - b.length);
        expect(longer?.startsWith(shorter ?? ''), what).toBe(true);
        expect({ ...fromProxy, body: '' }, what).toEqual({ ...fromSimulator, body: '' });
      } else {
        expect(fromProxy, what).toEqual(fromSimulator);
      }
    }
  } finally {
    await proxy?.close();
  }
});

/**
 * `attempts` calls in a row with `spec`, each to the simulator (its header; one logical call, named by
 * `sequence`) and through a proxy applying `proxySpec` (the same spec by default) in front of a simulator
 * without faults.
 */
async function callsInARow(spec: string, attempts: number, sequence: string, proxySpec = spec) {
  const proxy = await startProxy({
    upstream: behind.url,
    faults: [parseFaultSpec(proxySpec, { envelope: faultEnvelope(PROFILES.cometapi) })],
  });
  try {
    const viaProxy = { ...behind, url: proxy.url };
    const fromSimulator: ReturnType<typeof seen>[] = [];
    const fromProxy: ReturnType<typeof seen>[] = [];
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const headers = { 'x-chatproof-fault': spec, 'x-chatproof-sequence': sequence };
      fromSimulator.push(seen(await observe(direct, HELLO, headers)));
      fromProxy.push(seen(await observe(viaProxy, HELLO)));
    }
    return { fromSimulator, fromProxy };
  } finally {
    await proxy.close();
  }
}

test('a comma-joined spec means the same in the x-chatproof-fault header and in a proxy spec', async () => {
  const { fromSimulator, fromProxy } = await callsInARow('status-503*2, slow-first-byte:5', 3, 'comma');
  expect(fromSimulator.map((result) => result.status)).toEqual([503, 503, 200]);
  expect(fromProxy).toEqual(fromSimulator);
});

test('`*N` counts the attempts the whole spec saw, in the proxy as in the simulator, when an earlier term answered', async () => {
  // Attempt 1 meets both terms (the 503 answers), attempt 2 only the 429, attempts 3 and 4 neither.
  const { fromSimulator, fromProxy } = await callsInARow(
    'status-503*1,rate-limit-retry-after:2*2',
    4,
    'star-n',
  );
  expect(fromSimulator.map((result) => result.status)).toEqual([503, 429, 200, 200]);
  expect(fromProxy).toEqual(fromSimulator);
});

test("the proxy's `sequence:N x` wrapper counts those attempts too: it is `name*N` spelled another way", async () => {
  const { fromSimulator, fromProxy } = await callsInARow(
    'status-503*1,rate-limit-retry-after:2*2',
    4,
    'wrapper',
    'status-503*1,sequence:2xrate-limit-retry-after:2',
  );
  expect(fromSimulator.map((result) => result.status)).toEqual([503, 429, 200, 200]);
  expect(fromProxy).toEqual(fromSimulator);
});

test('the simulator answers a proxy-only term in its header with a 400 naming it and the catalogue name', async () => {
  const result = await observe(direct, HELLO, { 'x-chatproof-fault': 'status:503' });
  expect(result.status).toBe(400);
  expect(result.body).toContain('`status:503` is a proxy fault');
  expect(result.body).toContain('try `status-503`');
});
