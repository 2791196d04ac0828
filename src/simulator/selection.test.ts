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

  test('keeps the messages for unknown names and bad syntax', () => {
    expect(parseSpec('nope')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^unknown fault or drift `nope`; faults: .*status-503.*; drifts: .*usage-missing/,
      ),
    });
    expect(parseSpec('status-503~2')).toEqual({
      ok: false,
      message: 'bad fault spec `status-503~2` (expected name, name:param, name*N or name~P)',
    });
  });

  test('reads `+` as it reads `,`, and keeps hang and reset-before-headers as catalogue names', () => {
    expect(parseSpec('status-503*1+usage-missing')).toEqual(parseSpec('status-503*1,usage-missing'));
    expect(parseSpec('hang:2000,reset-before-headers')).toEqual({
      ok: true,
      items: [
        { kind: 'fault', name: 'hang', param: 2000 },
        { kind: 'fault', name: 'reset-before-headers' },
      ],
    });
  });

  test.each([
    [
      'status:503',
      /^`status:503` is a proxy fault .*the simulator serves catalogue names \(try `status-503`\)/,
    ],
    ['sequence:2xstatus-503', /^`sequence:2xstatus-503` is a proxy fault .*\*N for the first N attempts/],
    ['delay:200', /^`delay:200` is a proxy fault .*catalogue names; faults: /],
    ['drop:choices[0].message.content', /^`drop:choices\[0\]\.message\.content` is a proxy fault/],
    ['add:usage.x={"a":1,"b":2}', /^`add:usage.x=\{"a":1,"b":2\}` is a proxy fault/],
  ])('answers the proxy-only term %s with a message naming it', (spec, message) => {
    expect(parseSpec(`usage-missing,${spec}`)).toEqual({
      ok: false,
      message: expect.stringMatching(message),
    });
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
