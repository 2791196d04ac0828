import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalizePath, observedPaths, resolvePath, shapeOf, valueAt } from './paths.js';

const body = {
  id: 'x',
  choices: [
    { index: 0, message: { content: 'hi', refusal: null }, finish_reason: 'stop' },
    { index: 1, message: { content: null }, finish_reason: 'length' },
  ],
  usage: null,
};

// Bodies whose keys the ledger's path syntax can name (no dots or brackets in keys, no arrays of arrays).
const { object: ledgerShaped } = fc.letrec<{ node: unknown; object: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    tie('object'),
    fc.array(fc.oneof(tie('object'), fc.integer()), { maxLength: 3 }),
  ),
  object: fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_-]{0,5}$/), tie('node'), { maxKeys: 4 }),
}));

describe('response paths', () => {
  test('resolves [] across every item and [0] to one item', () => {
    expect(resolvePath(body, 'choices[].message.content').values).toEqual(['hi', null]);
    expect(valueAt(body, 'choices[0].finish_reason')).toBe('stop');
    expect(valueAt(body, 'choices[1].index')).toBe(1);
  });

  test('says where a path stops: missing key, null container, empty array', () => {
    expect(resolvePath(body, 'usage.total_tokens').stops).toEqual([{ at: 'usage', kind: 'null' }]);
    expect(resolvePath(body, 'model').stops).toEqual([{ at: 'model', kind: 'missing' }]);
    expect(resolvePath({ choices: [] }, 'choices[].index').stops).toEqual([
      { at: 'choices[]', kind: 'empty' },
    ]);
    expect(resolvePath(body, 'choices[].message.refusal').stops).toEqual([
      { at: 'choices[].message.refusal', kind: 'missing' },
    ]);
  });

  test('lists observed paths in the ledger syntax, parents first', () => {
    expect(observedPaths(body)).toEqual([
      'id',
      'choices',
      'choices[].index',
      'choices[].message',
      'choices[].message.content',
      'choices[].message.refusal',
      'choices[].finish_reason',
      'usage',
    ]);
    expect(shapeOf(body)['choices[].message.content']).toBe('string|null');
  });

  test('every observed path resolves in the body it came from', () => {
    fc.assert(
      fc.property(ledgerShaped, (value) => {
        for (const path of observedPaths(value)) {
          expect(resolvePath(value, path).values.length).toBeGreaterThan(0);
          expect(normalizePath(path)).toBe(path);
        }
      }),
      { numRuns: 200 },
    );
  });
});
