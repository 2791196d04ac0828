import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seededRandom } from './random.js';
import { AttemptCounter, activeItems, parseSpec, splitModel } from './selection.js';

describe('parseSpec', () => {
  test('reads names, parameters, attempt counts and probabilities', () => {
    expect(parseSpec('status-503*2, usage-missing,rate-limit-retry-after:3,hang~0.25')).toEqual({
      ok: true,
      items: [
        { kind: 'fault', name: 'status-503', times: 2 },
        { kind: 'drift', name: 'usage-missing' },
        { kind: 'fault', name: 'rate-limit-retry-after', param: 3 },
        { kind: 'fault', name: 'hang', probability: 0.25 },
      ],
    });
  });

  test('reports unknown names and bad syntax instead of throwing', () => {
    expect(parseSpec('nope')).toMatchObject({ ok: false, message: expect.stringContaining('nope') });
    expect(parseSpec('status-503~2')).toMatchObject({ ok: false });
    expect(parseSpec('x'.repeat(600))).toMatchObject({ ok: false });
  });

  test('never throws on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (text) => {
        const result = parseSpec(text);
        return typeof result.ok === 'boolean';
      }),
      { numRuns: 2000 },
    );
  });
});

test('splitModel separates the fault suffix from the model id', () => {
  expect(splitModel('gpt-4.1-nano+fault=status-503*2')).toEqual({
    model: 'gpt-4.1-nano',
    spec: 'status-503*2',
  });
  expect(splitModel('gpt-4.1-nano')).toEqual({ model: 'gpt-4.1-nano', spec: undefined });
});

test('activeItems applies *N to the first N attempts only', () => {
  const spec = parseSpec('status-503*2');
  if (!spec.ok) throw new Error('spec');
  const random = seededRandom(1);
  expect([1, 2, 3].map((attempt) => activeItems(spec.items, attempt, random).length)).toEqual([1, 1, 0]);
});

test('AttemptCounter counts per spec and sequence, and forgets the oldest past its bound', () => {
  const counter = new AttemptCounter(2);
  expect(counter.next('a', 's1')).toBe(1);
  expect(counter.next('a', 's1')).toBe(2);
  expect(counter.next('a', 's2')).toBe(1);
  counter.next('b', undefined);
  expect(counter.next('a', 's1')).toBe(1);
});
