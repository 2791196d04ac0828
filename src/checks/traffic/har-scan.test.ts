import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createHarScanner } from './har-scan.js';

function scan(text: string, cuts: number[], max = 1 << 20) {
  const scanner = createHarScanner(max);
  const bytes = Buffer.from(text);
  const out: { entry: number; value: unknown; problem?: string }[] = [];
  let at = 0;
  const take = (items: ReturnType<typeof scanner.push>) => {
    for (const item of items)
      out.push({
        entry: item.entry,
        value: item.bytes ? JSON.parse(item.bytes.toString()) : null,
        ...(item.problem ? { problem: item.problem } : {}),
      });
  };
  for (const cut of [...cuts, bytes.length].sort((a, b) => a - b)) {
    if (cut <= at || cut > bytes.length) continue;
    take(scanner.push(bytes.subarray(at, cut)));
    at = cut;
  }
  take(scanner.end());
  return { out, found: scanner.found };
}

const json = fc.jsonValue({ maxDepth: 3 });

describe('HAR scanner', () => {
  test('hands out exactly the values of log.entries, for any chunking and any surrounding keys', () => {
    fc.assert(
      fc.property(
        fc.array(json, { maxLength: 8 }),
        fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 3 }),
        fc.array(fc.nat(2000), { maxLength: 12 }),
        fc.boolean(),
        (entries, extra, cuts, pretty) => {
          const log = { ...extra, entries };
          delete (log as Record<string, unknown>).log;
          const doc = { log: { version: '1.2', pages: [{ entries: ['decoy'] }], ...log, entries } };
          const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
          const { out, found } = scan(text, cuts);
          expect(found).toBe(true);
          // The scanner hands out the bytes JSON.stringify wrote, so compare with what they parse back to (-0 is 0).
          const written = JSON.parse(JSON.stringify(entries)) as unknown[];
          expect(out).toEqual(written.map((value, entry) => ({ entry, value })));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('an entry over the cap is dropped as too large, a cut one is truncated', () => {
    const text = `{"log":{"entries":[{"a":"${'x'.repeat(100)}"},{"b":1},{"c":"cut`;
    expect(scan(text, [10, 60], 50).out).toEqual([
      { entry: 0, value: null, problem: 'too-large' },
      { entry: 1, value: { b: 1 } },
      { entry: 2, value: null, problem: 'truncated' },
    ]);
  });

  test('a document without log.entries is not a HAR', () => {
    expect(scan('{"entries":[{"a":1}]}', []).found).toBe(false);
    expect(scan('{"log":{"pages":[]}}', []).found).toBe(false);
  });
});
