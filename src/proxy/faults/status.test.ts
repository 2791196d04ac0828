import { afterEach, describe, expect, test } from 'vitest';
import { plainEnvelope as envelope, type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { status } from './status.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

describe('status fault', () => {
  test('answers with the status and the envelope, and never contacts the upstream', async () => {
    upstream = await startFixtureUpstream();
    proxy = await startProxy({
      upstream: upstream.url,
      faults: [status({ status: 500, code: 'invalid_request', type: 'comet_api_error', envelope })],
    });
    const answer = await send(proxy.url);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { code: 'invalid_request', type: 'comet_api_error' },
    });
    expect(answer.headers['x-request-id']).toMatch(/^chatproof-/);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(upstream.received()).toBe(0);
    const [attempt] = proxy.attempts();
    expect(attempt).toMatchObject({ status: 500, upstream: false, faults: ['status:500:invalid_request'] });
  });
});
