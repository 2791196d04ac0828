import { describe, expect, test } from 'vitest';
import { LedgerSchema, toContract } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import { profileLedger } from '../../simulator/index.js';
import { judgeChatAnswer } from './answer.js';
import { judgeMediaType } from './judge-headers.js';
import type { JudgeContext } from './judging.js';

const openai = toContract(
  LedgerSchema.parse(profileLedger('openai', { baseUrl: 'http://127.0.0.1:9/v1', keyRef: 'env:K' })),
);
const body = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_796_126_400, // the request's time below
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'ok', refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});

function judged(headers: Record<string, string>, status = 200) {
  return judgeChatAnswer(openai, {
    kind: 'json',
    request: {
      url: 'http://127.0.0.1:9/v1/chat/completions',
      body: JSON.stringify({ model: 'gpt-4o-mini' }),
    },
    response: { status, headers: { 'content-type': 'application/json', ...headers }, body },
    startedAt: '2026-12-01T12:00:00.000Z',
  }).findings;
}
const codes = (findings: ReturnType<typeof judged>) => findings.map((f) => `${f.code}:${f.class}`);

describe('headers and media type of one answer', () => {
  test('documented headers read by their syntax; a remaining count above its limit is a finding', () => {
    const fine = judged({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '59' });
    expect(codes(fine)).toContain('header-syntax-valid:documented-handled');
    expect(fine.filter((f) => f.class === 'unexpected')).toEqual([]);
    const over = judged({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '61' });
    expect(over.find((f) => f.code === 'header-syntax-invalid')?.message).toMatch(/exceeds/);
    expect(codes(over)).not.toContain('header-syntax-valid:documented-handled');
  });

  test('a header no clause documents is not judged, whatever it holds', () => {
    expect(codes(judged({ 'x-something-else': 'not a number' })).some((c) => c.startsWith('header-'))).toBe(
      false,
    );
  });

  test('the media type is compared without its parameters and case', () => {
    expect(codes(judged({ 'content-type': 'Application/JSON; charset=utf-8' }))).toContain(
      'media-type-matches:documented-handled',
    );
    expect(codes(judged({ 'content-type': 'application/problem+json' }))).toContain(
      'media-type-mismatch:unexpected',
    );
  });

  test('with the request time known, a created far from it is a finding', () => {
    const late = judgeChatAnswer(openai, {
      kind: 'json',
      request: {
        url: 'http://127.0.0.1:9/v1/chat/completions',
        body: JSON.stringify({ model: 'gpt-4o-mini' }),
      },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body },
      startedAt: '2027-06-01T00:00:00.000Z',
    }).findings;
    expect(codes(late)).toContain('meaning-time-far:unexpected');
  });

  test('the error media type is judged only on the error statuses the documents give it for', () => {
    const errorAnswer = (status: number, type: string) => {
      const ctx: JudgeContext = {
        contract: openai,
        check: 'negative',
        area: 'errors',
        evidence: {},
        pendingJudges: [],
        findings: [],
      };
      const exchange: Exchange = {
        startedAt: '2026-12-01T12:00:00.000Z',
        request: { method: 'POST', url: 'http://127.0.0.1:9/v1/chat/completions', headers: {} },
        response: { status, headers: { 'content-type': type }, body: '{}', truncated: false },
        timings: { totalMs: 1 },
        bodyEnd: 'complete',
      };
      judgeMediaType(ctx, 'error', exchange);
      return codes(ctx.findings);
    };
    // OpenAI's document lists one error answer, the 429, as `application/json`.
    expect(errorAnswer(429, 'application/json')).toEqual(['media-type-matches:documented-handled']);
    expect(errorAnswer(429, 'text/html')).toEqual(['media-type-mismatch:unexpected']);
    // A 401 or a 404 is an answer the document never lists: its media type is observed, not contracted.
    expect(errorAnswer(401, 'application/problem+json')).toEqual([
      'media-type-undocumented:observed-not-documented',
    ]);
    expect(errorAnswer(404, 'text/html')).toEqual(['media-type-undocumented:observed-not-documented']);
  });
});
