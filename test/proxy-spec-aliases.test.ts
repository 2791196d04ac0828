import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChatproofError } from '../src/errors.js';
import { type FixtureUpstream, type SentResult, send, startFixtureUpstream } from '../src/proxy/fixture.js';
import { parseFaultSpec, startProxy } from '../src/proxy/index.js';
import { PROXY_FAULT_NAMES } from '../src/proxy/spec.js';
import { FAULTS } from '../src/simulator/catalogue.js';
import { type FaultName, faultEnvelope, PROFILES } from '../src/simulator/index.js';
import type { CatalogueTerm } from './simulator/helpers.js';

// The envelope `chatproof proxy` uses.
const envelope = faultEnvelope(PROFILES.cometapi);
const NAMES = FAULTS.map((item) => item.name);
const parse = (spec: string) => parseFaultSpec(spec, { envelope });

let upstream: FixtureUpstream;
beforeAll(async () => {
  upstream = await startFixtureUpstream();
});
afterAll(async () => {
  await upstream.close();
});

/** What a client can observe, with per-request noise (request ids, the clock) removed. */
function observable(result: SentResult) {
  const pick = (name: string) => result.headers[name];
  return {
    status: result.status,
    complete: result.complete,
    broken: result.error !== undefined,
    contentType: pick('content-type'),
    retryAfter:
      typeof pick('retry-after') === 'string' && /GMT$/.test(pick('retry-after') as string)
        ? 'date'
        : pick('retry-after'),
    retryAfterMs: pick('retry-after-ms'),
    shouldRetry: pick('x-should-retry'),
    body: result.body.replace(/chatproof-[0-9a-f]+/g, 'ID'),
  };
}

/** Sends `calls` requests (alternating JSON and stream) through a proxy running `spec` (none: pass-through). */
async function run(spec: string | undefined, calls: number) {
  const proxy = await startProxy({ upstream: upstream.url, faults: spec === undefined ? [] : [parse(spec)] });
  try {
    const seen = [];
    for (let index = 0; index < calls; index += 1)
      seen.push(observable(await send(proxy.url, { stream: index % 2 === 1 })));
    // The attempt log is what a user reads back: the faults that acted on each attempt must match too.
    return { seen, logged: proxy.attempts().map((attempt) => [attempt.outcome, attempt.faults]) };
  } finally {
    await proxy.close();
  }
}

describe('catalogue fault names in proxy specs', () => {
  test.each<[CatalogueTerm<FaultName>, string, number]>([
    ['status-503', 'status:503', 2],
    ['status-503*2', 'sequence:2xstatus:503', 4],
    ['status-500~0.5', 'chance:0.5:1xstatus:500', 8],
    ['invalid-request-500', 'status:500:invalid_request', 2],
    ['rate-limit', 'status:429', 2],
    ['rate-limit-retry-after:2', 'retry-after:2+status:429', 2],
    ['rate-limit-retry-after-date', 'retry-after-date:1+status:429', 2],
    ['rate-limit-retry-after-ms', 'retry-after-ms:250+status:429', 2],
    ['should-retry-true', 'should-retry:true+status:400', 2],
    ['should-retry-false*1', 'sequence:1xshould-retry:false+status:503', 2],
    ['slow-first-byte:5', 'delay:5', 2],
    ['reset-before-headers*1', 'sequence:1xreset-before-headers', 3],
    ['reset-mid-body', 'reset-after:64', 2],
    ['stream-cut', 'cut-stream:1+truncate', 2],
    ['hang:30*2', 'sequence:2xhang:30', 3],
  ])('%s behaves like %s through a real proxy', async (alias, proxySpelling, calls) => {
    const [viaAlias, viaProxy] = [await run(alias, calls), await run(proxySpelling, calls)];
    expect(viaAlias).toEqual(viaProxy);
    // Guard against both spellings silently doing nothing.
    expect(viaAlias).not.toEqual(await run(undefined, calls));
  });

  test('html-200 and html-502 answer an HTML page, error-body-200 an error envelope with status 200', async () => {
    const [html200] = (await run('html-200', 1)).seen;
    expect(html200).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/html/) });
    expect(html200?.body).toMatch(/<html/i);
    const [html502] = (await run('html-502', 1)).seen;
    expect(html502).toMatchObject({ status: 502, contentType: expect.stringMatching(/^text\/html/) });
    const [errorBody200] = (await run('error-body-200', 1)).seen;
    expect(errorBody200?.status).toBe(200);
    expect(JSON.parse(errorBody200?.body ?? '{}')).toHaveProperty('error');
  });

  test('every catalogue fault name is accepted', () => {
    for (const name of NAMES) expect(typeof parse(name), name).toBe('function');
  });

  test('stall-mid-stream sends the first event, then holds the stream until its cap resets it', async () => {
    const { seen, logged } = await run('stall-mid-stream:100', 2);
    expect(seen[0]).toMatchObject({ status: 200, complete: false, broken: true });
    expect(seen[1]).toMatchObject({ status: 200, complete: false, broken: true });
    expect(seen[1]?.body.split('\n\n').filter(Boolean)).toHaveLength(1);
    expect(logged).toEqual([
      ['reset', ['stall']],
      ['reset', ['stall']],
    ]);
  });

  test('stream-error-event ends a stream with an in-band error in the envelope, and a JSON answer is one', async () => {
    const [json, stream] = (await run('stream-error-event', 2)).seen;
    expect(json?.status).toBe(200);
    expect(JSON.parse(json?.body ?? '{}').error).toMatchObject({ type: 'comet_api_error' });
    const events = (stream?.body ?? '').split('\n\n').filter(Boolean);
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]!.slice('data: '.length)).error).toMatchObject({ type: 'comet_api_error' });
    expect(stream?.body).not.toContain('[DONE]');
  });

  test('malformed-json breaks the JSON body and inserts one broken event into a stream', async () => {
    const [json, stream] = (await run('malformed-json', 2)).seen;
    expect(json).toMatchObject({ status: 200, contentType: expect.stringMatching(/^application\/json/) });
    expect(() => JSON.parse(json?.body ?? '')).toThrow();
    const data = (stream?.body ?? '')
      .split('\n\n')
      .filter(Boolean)
      .map((event) => event.slice('data: '.length));
    const broken = data.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return line !== '[DONE]';
      }
    });
    expect(broken).toHaveLength(1);
    expect(data).toContain('[DONE]');
  });

  test('any accepted name with any *N or ~P suffix parses', () => {
    const suffix = fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 9999 }).map((n) => `*${n}`),
      fc.integer({ min: 0, max: 100 }).map((n) => `~${n === 100 ? '1' : (n / 100).toString()}`),
    );
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), suffix, (name, tail) => {
        expect(typeof parse(`${name}${tail}`)).toBe('function');
      }),
    );
  });

  test('an unknown name is a usage error listing both spellings', () => {
    const known = new Set<string>([...PROXY_FAULT_NAMES, ...NAMES, 'sequence', 'chance', 'only']);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((name) => !known.has(name)),
        (name) => {
          try {
            parse(name);
            expect.unreachable(`${name} parsed`);
          } catch (error) {
            expect(error).toBeInstanceOf(ChatproofError);
            const message = (error as ChatproofError).message;
            expect(message).toContain(`unknown fault "${name}"`);
            expect(message).toContain('status-503');
            expect(message).toContain('retry-after-ms');
          }
        },
      ),
    );
  });

  test('a simulator name with a bad parameter is a usage error', () => {
    expect(() => parse('rate-limit-retry-after:-1')).toThrow(/number ≥ 0/);
  });
});
