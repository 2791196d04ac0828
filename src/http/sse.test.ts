import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createSseReader, readSse, SseSplitter } from './sse.js';

interface Spec {
  event?: string;
  data: string[];
  comment?: string;
}

const lineText = fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
const nameText = fc.stringMatching(/^[a-z][a-z._-]{0,8}$/);
const specs = fc.array(
  fc.record(
    { event: nameText, data: fc.array(lineText, { minLength: 1, maxLength: 3 }), comment: lineText },
    { requiredKeys: ['data'] },
  ),
  { maxLength: 6 },
);
const endings = fc.constantFrom('\n', '\r\n', '\r');

function serialise(events: Spec[], eol: string): string {
  let out = '';
  for (const spec of events) {
    if (spec.comment !== undefined) out += `:${spec.comment}${eol}`;
    if (spec.event !== undefined) out += `event: ${spec.event}${eol}`;
    for (const line of spec.data) out += `data: ${line}${eol}`;
    out += eol;
  }
  return out;
}

function chunked(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const point of points) {
    parts.push(text.slice(last, point));
    last = point;
  }
  parts.push(text.slice(last));
  return parts;
}

describe('SSE reader', () => {
  test('reads the same events whatever the line endings and chunk boundaries', () => {
    fc.assert(
      fc.property(specs, endings, fc.array(fc.nat(), { maxLength: 8 }), (events, eol, cuts) => {
        const reader = createSseReader();
        const got = chunked(serialise(events, eol), cuts).flatMap((part) => reader.push(part));
        got.push(...reader.end());
        expect(got.map(({ event, data }) => ({ event, data }))).toEqual(
          events.map((spec) => ({ event: spec.event ?? 'message', data: spec.data.join('\n') })),
        );
        expect(reader.framing.comments).toBe(events.filter((spec) => spec.comment !== undefined).length);
        expect(reader.framing.incomplete).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('counts each line-ending style, even a CRLF split across two chunks', () => {
    const reader = createSseReader();
    const events = [
      ...reader.push('data: a\r'),
      ...reader.push('\ndata: b\r\r'),
      ...reader.push('data: c\n\n'),
      ...reader.end(),
    ];
    expect(events.map((e) => e.data)).toEqual(['a\nb', 'c']);
    expect(reader.framing).toMatchObject({ crlf: 1, cr: 2, lf: 2 });
  });

  test('joins multi-line data with LF and keeps the [DONE] sentinel as plain data', () => {
    const { events } = readSse('data: {"a":\ndata: 1}\n\ndata: [DONE]\n\n');
    expect(events).toEqual([
      { event: 'message', data: '{"a":\n1}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  test('flags a stream that ends in the middle of an event and does not dispatch it', () => {
    const { events, framing } = readSse('data: {"x":1}\n\ndata: {"cut');
    expect(events).toHaveLength(1);
    expect(framing.incomplete).toBe(true);
  });

  test('records event names, ids, retry and unknown fields', () => {
    const { events, framing } = readSse('event: error\nid: 7\nretry: 100\nbogus: 1\ndata: {}\n\n');
    expect(events).toEqual([{ event: 'error', data: '{}', id: '7', retry: 100 }]);
    expect(framing.unknownFields).toEqual(['bogus']);
  });

  test('drops a leading byte-order mark and an event with no data', () => {
    const { events } = readSse('\ufeffevent: ping\n\ndata: x\n\n');
    expect(events).toEqual([{ event: 'message', data: 'x' }]);
  });

  test('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 6 }), (parts) => {
        const reader = createSseReader();
        for (const part of parts) reader.push(part);
        reader.end();
      }),
      { numRuns: 300 },
    );
  });
});

test('the splitter keeps each event byte for byte across any chunking, with its data read as the reader reads it', () => {
  const text = 'event: x\ndata: {"a":1}\r\n\r\n: ping\n\ndata: one\ndata:two\n\ndata: [DONE]\n\ndata: tail';
  const splitter = new SseSplitter();
  const events = [...Buffer.from(text)].flatMap((byte) => splitter.push(Uint8Array.of(byte)));
  expect(events).toEqual([
    { raw: 'event: x\ndata: {"a":1}', data: '{"a":1}' },
    { raw: ': ping', data: undefined },
    { raw: 'data: one\ndata:two', data: 'one\ntwo' },
    { raw: 'data: [DONE]', data: '[DONE]' },
  ]);
  expect(splitter.rest()).toBe('data: tail');
});
