import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitLines } from './lines.js';

async function* chunked(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

async function collect(bytes: Buffer, cuts: number[], max: number) {
  const out: { line: number; text: string | null }[] = [];
  for await (const lines of splitLines(chunked(bytes, cuts), max)) {
    for (const { line, bytes: b } of lines)
      out.push({ line, text: b === null ? null : b.toString('latin1') });
  }
  return out;
}

/** The same split done the obvious way, on the whole text. */
function naive(text: string, max: number) {
  const parts = text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts.map((part, i) => {
    const line = part.endsWith('\r') ? part.slice(0, -1) : part;
    return { line: i + 1, text: line.length > max ? null : line };
  });
}

describe('splitLines', () => {
  test('gives the lines of any chunking, too-large lines as null, numbered from 1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '{', '"'), maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 20 }),
        fc.integer({ min: 1, max: 40 }),
        async (text, cuts, max) => {
          expect(await collect(Buffer.from(text, 'latin1'), cuts, max)).toEqual(naive(text, max));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('never holds more than the cap of one line while it streams past', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x61);
    async function* source() {
      for (let i = 0; i < 8; i++) yield big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024);
      yield Buffer.from('\nshort\n');
    }
    const out: (string | null)[] = [];
    for await (const lines of splitLines(source(), 1024))
      for (const l of lines) out.push(l.bytes?.toString() ?? null);
    expect(out).toEqual([null, 'short']);
  });
});
