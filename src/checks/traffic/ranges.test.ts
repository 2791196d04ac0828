import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { lineSplitter, splitLines } from './lines.js';
import { cutRanges, fileFormat } from './ranges.js';

const dir = mkdtempSync(join(tmpdir(), 'chatproof-ranges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (bytes: Buffer): string => {
  const path = join(dir, `f${files++}`);
  writeFileSync(path, bytes);
  return path;
};

type Out = { line: number; text: string | null }[];
const push = (out: Out, lines: { line: number; bytes: Buffer | null }[]) => {
  for (const { line, bytes } of lines)
    out.push({ line, text: bytes === null ? null : bytes.toString('latin1') });
};

/** Every range split on its own, numbered from its first line, as a worker does. */
async function byRanges(bytes: Buffer, rangeBytes: number, chunkBytes: number, max: number) {
  const out: Out = [];
  let next = 0;
  for await (const range of cutRanges(file(bytes), rangeBytes, chunkBytes)) {
    expect(range.start).toBe(next);
    next = range.end;
    const splitter = lineSplitter(max, range.firstLine);
    push(out, splitter.push(bytes.subarray(range.start, range.end)));
    push(out, splitter.end());
  }
  expect(next).toBe(bytes.length);
  return out;
}

async function whole(bytes: Buffer, max: number) {
  const out: Out = [];
  async function* one() {
    yield bytes;
  }
  for await (const lines of splitLines(one(), max)) push(out, lines);
  return out;
}

describe('cutRanges', () => {
  test('ranges of whole lines split to exactly the lines of the whole file, with their numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '{'), maxLength: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 40 }),
        async (text, rangeBytes, chunkBytes, max) => {
          const bytes = Buffer.from(text, 'latin1');
          expect(await byRanges(bytes, rangeBytes, chunkBytes, max)).toEqual(await whole(bytes, max));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a line longer than a range and a chunk stays whole in one range', async () => {
    const bytes = Buffer.from(`a\n${'x'.repeat(5000)}\nb\nc`);
    const ranges = [];
    for await (const range of cutRanges(file(bytes), 100, 64)) ranges.push(range);
    expect(ranges).toEqual([
      { start: 0, end: 5003, firstLine: 1 },
      { start: 5003, end: 5006, firstLine: 3 },
    ]);
  });

  test('an empty file has no ranges', async () => {
    const ranges = [];
    for await (const range of cutRanges(file(Buffer.alloc(0)))) ranges.push(range);
    expect(ranges).toEqual([]);
  });
});

describe('fileFormat', () => {
  test('reads the format from the first bytes, as from a stream', async () => {
    expect(await fileFormat(file(Buffer.from(' {"log": {"entries": []}}')))).toBe('har');
    expect(await fileFormat(file(Buffer.from('{"request":{}}\n')))).toBe('jsonl');
    expect(await fileFormat(file(Buffer.from('   ')))).toBe('jsonl');
  });
});
