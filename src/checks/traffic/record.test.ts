import { brotliCompressSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeBody } from './decode.js';
import { fromHar, fromJsonl, parseRecordText } from './record.js';

describe('records', () => {
  test('no JSON value and no text makes the parsers throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fromJsonl(value, 1 << 20);
        fromHar(value, 1 << 20);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseRecordText(text);
        if (parsed.ok) {
          fromJsonl(parsed.value, 1 << 20);
          fromHar(parsed.value, 1 << 20);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('records shaped almost right are skipped with a reason, never judged', () => {
    const ok = {
      request: { method: 'POST', url: '/v1/chat/completions', headers: {} },
      response: { status: 200, headers: {}, body: '{}' },
    };
    expect(fromJsonl(ok, 1024).ok).toBe(true);
    expect(fromJsonl({ request: ok.request }, 1024)).toEqual({ ok: false, reason: 'no-response' });
    expect(fromJsonl({ ...ok, response: { status: 'ok' } }, 1024)).toEqual({
      ok: false,
      reason: 'not-a-record',
    });
    expect(fromJsonl({ ...ok, request: { ...ok.request, headers: [1] } }, 1024)).toEqual({
      ok: false,
      reason: 'not-a-record',
    });
    expect(parseRecordText('{"request":{"url":"/x"')).toEqual({ ok: false, reason: 'truncated' });
    expect(parseRecordText('{request}')).toEqual({ ok: false, reason: 'invalid-json' });
    expect(parseRecordText('  ')).toEqual({ ok: false, reason: 'blank' });
    expect(parseRecordText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  test('a JSON value body stands for its JSON text; header arrays join', () => {
    const parsed = fromJsonl(
      {
        request: { url: '/v1/x', headers: { Accept: ['a', 'b'] }, body: { model: 'm' } },
        response: { status: 200, body: [1] },
      },
      1024,
    );
    expect(parsed).toEqual({
      ok: true,
      exchange: {
        request: { method: 'GET', url: '/v1/x', headers: { accept: 'a, b' }, body: '{"model":"m"}' },
        response: { status: 200, headers: {}, body: '[1]' },
      },
    });
  });
});

describe('bodies', () => {
  const text = '{"id":"chatcmpl-1","choices":[]}';
  test('gzip, deflate and brotli bytes are decoded; base64 is undone', () => {
    expect(decodeBody(gzipSync(text).toString('base64'), true, 'gzip', 1 << 20)).toEqual({ ok: true, text });
    expect(decodeBody(brotliCompressSync(text).toString('base64'), true, 'br', 1 << 20)).toEqual({
      ok: true,
      text,
    });
    expect(decodeBody(Buffer.from(text).toString('base64'), true, undefined, 1 << 20)).toEqual({
      ok: true,
      text,
    });
    expect(decodeBody(gzipSync(text).toString('latin1'), false, 'gzip', 1 << 20)).toEqual({ ok: true, text });
  });
  test('text already decoded by the exporter is kept', () => {
    expect(decodeBody(text, false, 'br', 1 << 20)).toEqual({ ok: true, text });
    expect(decodeBody(Buffer.from(text).toString('base64'), true, 'gzip', 1 << 20)).toEqual({
      ok: true,
      text,
    });
  });
  test('no body, flag or content-encoding makes the decoder throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.uint8Array().map((b) => Buffer.from(b).toString('latin1')),
        ),
        fc.boolean(),
        fc.constantFrom(undefined, 'gzip', 'br', 'deflate', 'gzip, br', 'identity', 'zstd', ''),
        (body, base64, encoding) => {
          const out = decodeBody(body, base64, encoding, 1 << 16);
          if (out.ok) expect(typeof out.text).toBe('string');
          else expect(['binary-body', 'undecodable-body']).toContain(out.reason);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('binary, broken and bomb-sized bodies are not text', () => {
    expect(decodeBody(Buffer.from([0x89, 0x50, 0, 1]).toString('base64'), true, undefined, 1 << 20)).toEqual({
      ok: false,
      reason: 'binary-body',
    });
    expect(decodeBody('%%%', true, undefined, 1 << 20)).toEqual({ ok: false, reason: 'undecodable-body' });
    expect(decodeBody(Buffer.from('\u0001garbage').toString('base64'), true, 'gzip', 1 << 20)).toEqual({
      ok: false,
      reason: 'undecodable-body',
    });
    const bomb = gzipSync(Buffer.alloc(4 << 20, 0x20)).toString('base64');
    expect(decodeBody(bomb, true, 'gzip', 1 << 20)).toEqual({ ok: false, reason: 'undecodable-body' });
  });
});
