import { describe, expect, test } from 'vitest';
import type { Finding } from '../../classify/index.js';
import { LedgerSchema, toContract } from '../../contract/index.js';
import { readSse, type StreamExchange } from '../../http/index.js';
import { profileLedger } from '../../simulator/index.js';
import { judgeStream } from './judge-stream.js';

const contract = toContract(
  LedgerSchema.parse(profileLedger('cometapi', { baseUrl: 'http://127.0.0.1:1/v1', keyRef: 'env:K' })),
);

const chunk = (extra: Record<string, unknown>) =>
  JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1-nano', ...extra });

function exchange(text: string, bodyEnd: StreamExchange['bodyEnd'] = 'complete'): StreamExchange {
  const { events, framing } = readSse(text);
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    request: { method: 'POST', url: 'http://127.0.0.1:1/v1/chat/completions', headers: {} },
    response: { status: 200, headers: { 'content-type': 'text/event-stream' }, body: text, truncated: false },
    timings: { totalMs: 1 },
    events,
    framing,
    bodyEnd,
  };
}

function judged(text: string, bodyEnd?: StreamExchange['bodyEnd']): Finding[] {
  const findings: Finding[] = [];
  const ctx = {
    contract,
    check: 'probe-stream' as const,
    area: 'response' as const,
    evidence: {},
    pendingJudges: [],
    findings,
  };
  judgeStream(ctx, exchange(text, bodyEnd), 'gpt-4.1-nano', false);
  return findings;
}

const codes = (findings: Finding[]) => findings.map((f) => `${f.code}:${f.class}`);

describe('stream judgement', () => {
  test('CRLF framing, comments and a chunk split over two data: lines are all fine', () => {
    const first = chunk({ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: null }] });
    const last = chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const split = `${last.slice(0, 20)}\r\ndata: ${last.slice(20)}`;
    const text = `: keep-alive\r\n\r\ndata: ${first}\r\n\r\ndata: ${split}\r\n\r\ndata: [DONE]\r\n\r\n`;
    const findings = judged(text);
    expect(codes(findings)).toEqual(
      expect.arrayContaining([
        'stream-done:documented-handled',
        'finish-reason-documented:documented-handled',
      ]),
    );
    expect(findings.filter((f) => f.class === 'unexpected')).toEqual([]);
  });

  test('a stream cut by the peer mid-event is a cut stream, not a missing terminator', () => {
    const text = `data: ${chunk({ choices: [{ index: 0, delta: { content: 'o' }, finish_reason: null }] })}\n\ndata: {"id"`;
    expect(codes(judged(text, 'cut'))).toEqual([
      // CometAPI documents no response header: not judged, and said so.
      'not-stated:not-run',
      'media-type-matches:documented-handled',
      'chunk-id-present:documented-handled',
      'chunk-schema-valid:documented-handled',
      'meaning-matches:documented-handled',
      'stream-cut:unexpected',
      // Nor anything about a stream's ids or final chunk.
      'not-stated:not-run',
      // One problem never hides another: the cut stream also never said why it stopped.
      'finish-reason-missing:unexpected',
    ]);
  });

  test('an `event: error` is an in-band error even when its data is not an envelope', () => {
    const text = `data: ${chunk({ choices: [] })}\n\nevent: error\ndata: upstream overloaded\n\n`;
    expect(codes(judged(text))).toContain('stream-error-event:unexpected');
  });

  test('data after the terminator is flagged', () => {
    const done = chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    expect(codes(judged(`data: ${done}\n\ndata: [DONE]\n\ndata: ${done}\n\n`))).toContain(
      'data-after-done:unexpected',
    );
  });
});
