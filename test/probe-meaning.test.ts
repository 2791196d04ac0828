/**
 * Meaning checks end to end: a conforming answer holds every stated meaning in both profiles, a clause the
 * ledger does not state is not-run with its reason, a 429 whose retry signal cannot be read is a finding and
 * nothing is retried after it, and one stream with several deviations yields one finding for each.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { judgeChatAnswer, runNegative, runProbe } from '../src/checks/index.js';
import type { Finding } from '../src/classify/index.js';
import { CLAUSE } from '../src/contract/index.js';
import { profileContract } from './builders.js';
import { ENV, PROFILES, type Simulated, simulated } from './probe-support.js';
import { faultHeader } from './simulator/helpers.js';

let current: Simulated | undefined;
afterEach(async () => {
  await current?.sim.close();
  current = undefined;
});

const MEANING_CODES = /^(meaning|media-type|header-syntax|retry-signal)-/;
const key = (f: Finding) => `${f.check}:${f.code}:${f.class}`;

describe.each(PROFILES)('meaning checks against the %s simulator', (profile) => {
  test('a conforming run holds every stated meaning on the completion, the stream and the model list', async () => {
    current = await simulated(profile);
    const { findings } = await runProbe(current.contract(), { env: ENV });
    const meaning = findings.filter((f) => MEANING_CODES.test(f.code));
    expect(meaning.filter((f) => f.class !== 'documented-handled').map(key)).toEqual([]);
    for (const check of ['probe', 'probe-stream', 'probe-models']) {
      expect(meaning.map(key)).toEqual(
        expect.arrayContaining([
          `${check}:meaning-matches:documented-handled`,
          `${check}:media-type-matches:documented-handled`,
          ...(profile === 'openai' ? [`${check}:header-syntax-valid:documented-handled`] : []),
        ]),
      );
    }
  });

  test('a ledger that does not state the meaning clauses records each as not-run, with the reason', async () => {
    current = await simulated(profile);
    const dropped = [CLAUSE.fieldMeaning, CLAUSE.mediaTypes, CLAUSE.responseHeaders];
    current.ledger.clauses = current.ledger.clauses.filter((c) => !(dropped as string[]).includes(c.id));
    const { findings } = await runProbe(current.contract(), { env: ENV });
    expect(findings.filter((f) => MEANING_CODES.test(f.code))).toEqual([]);
    for (const clause of dropped) {
      const notRun = findings.filter((f) => f.class === 'not-run' && f.clause === clause);
      expect(notRun.length).toBeGreaterThan(0);
      expect(notRun[0]?.message).toMatch(new RegExp(`${clause}.*not judged|pending`));
    }
  });

  test('a 429 whose Retry-After cannot be read: judged where documented, and nothing is retried', async () => {
    current = await simulated(profile);
    const result = await runProbe(current.contract(), {
      env: ENV,
      extraHeaders: faultHeader('rate-limit-retry-after-unreadable'),
    });
    // The model list answered 200 (faults do not apply to it); the first chat request got the 429, and
    // chatproof sent nothing after it: no retry at once, its own back-off is to stop for the run.
    expect(result.budget?.used.requests).toBe(2);
    expect(result.budget?.stop?.reason).toBe('rate-limit');
    const unreadable = result.findings.filter((f) => f.code === 'retry-signal-unreadable');
    if (profile === 'openai') {
      expect(unreadable.map(key)).toEqual(['probe:retry-signal-unreadable:unexpected']);
      expect(unreadable[0]?.message).toMatch(/retry-after: soon.*did not retry at once/);
      expect(unreadable[0]?.evidence.details).toEqual({ backoff: { policy: 'stop-sending', retries: 0 } });
    } else {
      // CometAPI documents no retry header (limits.retry-after is `none`): nothing to read.
      expect(unreadable).toEqual([]);
    }
    expect(result.findings.map(key)).toContain('probe-stream:not-sent:not-run');
  });

  test('a 429 met by the probe is an error answer: its media type and body meaning are judged', async () => {
    current = await simulated(profile);
    const media = (findings: Finding[]) =>
      findings.filter((f) => f.check === 'probe' && /^(media-type|meaning)-/.test(f.code)).map(key);
    const clean = await runProbe(current.contract(), {
      env: ENV,
      only: ['probe'],
      extraHeaders: faultHeader('rate-limit'),
    });
    // The same 429, labelled text/plain and with a numeric `type` (the simulator's error drifts spare faults).
    const answer = clean.findings.find((f) => f.check === 'probe')?.evidence.exchange?.response;
    const envelope = JSON.parse(answer?.body ?? '{}');
    envelope.error.type = 400;
    const drifted = judgeChatAnswer(current.contract(), {
      kind: 'json',
      request: { url: `${current.sim.url}/chat/completions`, body: JSON.stringify({ model: 'x' }) },
      response: { status: 429, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(envelope) },
      startedAt: new Date().toISOString(),
    });
    if (profile === 'openai') {
      // OpenAI's document gives its 429 (TooManyRequests) an `application/json` ErrorResponse.
      expect(media(clean.findings)).toEqual([
        'probe:media-type-matches:documented-handled',
        'probe:meaning-matches:documented-handled',
      ]);
      expect(media(drifted.findings)).toEqual([
        'probe:media-type-mismatch:unexpected',
        'probe:meaning-wrong-type:unexpected',
      ]);
    } else {
      // CometAPI states no error media type; its error `type` is `comet_api_error`.
      expect(media(clean.findings)).toEqual(['probe:meaning-matches:documented-handled']);
      expect(media(drifted.findings)).toEqual(['probe:meaning-not-allowed:unexpected']);
    }
  });

  test('a readable Retry-After on a 429 is read, and still nothing is retried', async () => {
    current = await simulated(profile);
    const result = await runProbe(current.contract(), {
      env: ENV,
      extraHeaders: faultHeader('rate-limit-retry-after:3'),
    });
    expect(result.budget?.used.requests).toBe(2);
    const read = result.findings.filter((f) => f.code.startsWith('retry-signal'));
    expect(read.map(key)).toEqual(profile === 'openai' ? ['probe:retry-signal-read:documented-handled'] : []);
    if (profile === 'openai') expect(read[0]?.evidence.observed).toMatchObject({ delayMs: 3000 });
  });
});

describe.each(PROFILES)('error answers against the %s simulator: media type and meaning', (profile) => {
  test('conforming error answers hold their documented meaning; drifted ones are found', async () => {
    current = await simulated(profile);
    const clean = (await runNegative(current.contract(), { env: ENV })).findings;
    const codes = (findings: Finding[]) =>
      new Set(findings.filter((f) => MEANING_CODES.test(f.code)).map(key));
    // OpenAI's document gives the error media type for its 429 only: a 401's or a 404's is observed, not contracted.
    const observedOnly = /:media-type-undocumented:observed-not-documented$/;
    expect(
      [...codes(clean)].filter((k) => !k.endsWith(':documented-handled') && !observedOnly.test(k)),
    ).toEqual([]);
    expect(codes(clean)).toContain('negative:missing-auth:meaning-matches:documented-handled');
    const media = await runNegative(current.contract(), {
      env: ENV,
      extraHeaders: faultHeader('error-media-type-wrong'),
    });
    // CometAPI states no media type for errors (a wrong path may answer HTML): nothing to judge there. OpenAI's
    // states it for the 429 only, so a 401 labelled `text/plain` is seen, never escalated.
    expect(codes(media.findings).has('negative:missing-auth:media-type-mismatch:unexpected')).toBe(false);
    expect(
      codes(media.findings).has('negative:missing-auth:media-type-undocumented:observed-not-documented'),
    ).toBe(profile === 'openai');
    const typed = await runNegative(current.contract(), {
      env: ENV,
      extraHeaders: faultHeader('error-type-number'),
    });
    const expected = profile === 'openai' ? 'meaning-wrong-type' : 'meaning-not-allowed';
    expect(codes(typed.findings)).toContain(`negative:missing-auth:${expected}:unexpected`);
  });
});

describe('stream judgement is complete', () => {
  const contract = profileContract('openai', { baseUrl: 'http://127.0.0.1:9/v1', keyRef: 'env:K' });
  const chunk = (id: string, finish: string | null, usage?: unknown) =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: 1_796_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta: { content: 'ok' }, logprobs: null, finish_reason: finish }],
      ...(usage === undefined ? {} : { usage }),
    })}\n\n`;

  test('a stream with several deviations yields one finding for each, none hidden by another', () => {
    // Wrong media type, ids that change, no finish_reason anywhere, and no usage chunk though one was asked.
    const body = `${chunk('chatcmpl-a', null, null)}${chunk('chatcmpl-b', null, null)}data: [DONE]\n\n`;
    const { findings } = judgeChatAnswer(contract, {
      kind: 'stream',
      request: {
        url: 'http://127.0.0.1:9/v1/chat/completions',
        body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true } }),
      },
      response: { status: 200, headers: { 'content-type': 'text/plain' }, body },
    });
    const unexpected = findings.filter((f) => f.class === 'unexpected').map((f) => f.code);
    expect(unexpected).toEqual(
      expect.arrayContaining([
        'media-type-mismatch',
        'stream-id-changed',
        'stream-choice-unfinished',
        'finish-reason-missing',
        'stream-usage-missing',
      ]),
    );
    // The terminator was there, and says so, beside the deviations.
    expect(findings.map((f) => f.code)).toContain('stream-done');
  });

  test('the same stream without the deviations is clean', () => {
    const body = `${chunk('chatcmpl-a', null, null)}${chunk('chatcmpl-a', 'stop', null)}data: ${JSON.stringify(
      {
        id: 'chatcmpl-a',
        object: 'chat.completion.chunk',
        created: 1_796_000_000,
        model: 'gpt-4o-mini',
        choices: [],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      },
    )}\n\ndata: [DONE]\n\n`;
    const { findings } = judgeChatAnswer(contract, {
      kind: 'stream',
      request: {
        url: 'http://127.0.0.1:9/v1/chat/completions',
        body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true } }),
      },
      response: { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body },
    });
    expect(findings.filter((f) => f.class === 'unexpected').map((f) => `${f.code}: ${f.message}`)).toEqual(
      [],
    );
  });

  test('chunks that name different models are one finding', () => {
    const other = chunk('chatcmpl-a', 'stop', null).replace('"gpt-4o-mini"', '"gpt-3.5-turbo"');
    const { findings } = judgeChatAnswer(contract, {
      kind: 'stream',
      request: {
        url: 'http://127.0.0.1:9/v1/chat/completions',
        body: JSON.stringify({ model: 'gpt-4o-mini' }),
      },
      response: {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: `${chunk('chatcmpl-a', null)}${other}data: [DONE]\n\n`,
      },
    });
    expect(findings.filter((f) => f.code === 'model-echo-changed').map((f) => f.class)).toEqual([
      'unexpected',
    ]);
  });
});
