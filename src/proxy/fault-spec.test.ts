import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../errors.js';
import { DRIFTS, FAULTS } from '../simulator/catalogue.js';
import { formatFaultSpec, readFaultSpec, splitFaultSpec } from './fault-spec.js';
import { plainEnvelope as envelope } from './fixture.js';
import { parseFaultSpec } from './spec.js';

describe('the one fault-spec grammar', () => {
  test('`,` joins terms exactly as `+` does', () => {
    expect(readFaultSpec('status-503*1,usage-missing')).toEqual(readFaultSpec('status-503*1+usage-missing'));
    expect(readFaultSpec('status:429, retry-after:1')).toEqual([
      { fault: 'status', status: 429 },
      { fault: 'retry-after', seconds: 1 },
    ]);
  });

  test('a comma inside a JSON value is part of its term', () => {
    expect(readFaultSpec('add:usage.extra={"a":1,"b":[2,3]},status:500')).toEqual([
      { fault: 'add', path: 'usage.extra', value: { a: 1, b: [2, 3] } },
      { fault: 'status', status: 500 },
    ]);
    expect(splitFaultSpec('add:x="a,b+c"+hang')).toEqual(['add:x="a,b+c"', 'hang']);
  });

  test('drift names read as drift terms', () => {
    expect(readFaultSpec('usage-missing*2')).toEqual([
      { fault: 'drift', term: { name: 'usage-missing', times: 2 } },
    ]);
  });

  test('the proxy answers a drift with a usage error naming it', () => {
    const run = () => parseFaultSpec('status-503*1,usage-missing', { envelope });
    expect(run).toThrow(ChatproofError);
    expect(run).toThrow(/drift usage-missing is served by the simulator/);
  });

  test('formatFaultSpec(readFaultSpec(x)) reads back to the same data, whichever join', () => {
    const named = fc
      .tuple(
        fc.constantFrom(...FAULTS.map((f) => f.name), ...DRIFTS.map((d) => d.name)),
        fc.oneof(
          fc.constant(''),
          fc.integer({ min: 1, max: 99 }).map((n) => `*${n}`),
          fc.constant('~0.5'),
        ),
      )
      .map(([name, when]) => `${name}${when}`);
    const proxy = fc.oneof(
      fc.integer({ min: 100, max: 599 }).map((n) => `status:${n}`),
      fc.integer({ min: 0, max: 9999 }).map((n) => `delay:${n}`),
      fc.constantFrom(
        'drop:choices[0].message.content',
        'add:usage.extra={"a":1,"b":2}',
        'reset-before-headers',
      ),
    );
    const term = fc.oneof(named, proxy);
    const spec = fc.tuple(
      fc.array(fc.tuple(term, fc.constantFrom('+', ',')), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('', 'sequence:2x', 'only:streamx'),
    );
    const join = (parts: [string, string][], wrap: string, plus: boolean) =>
      wrap + parts.map(([text, by], index) => (index ? (plus ? '+' : by) : '') + text).join('');
    fc.assert(
      fc.property(spec, ([parts, wrap]) => {
        const data = readFaultSpec(join(parts, wrap, false));
        expect(readFaultSpec(formatFaultSpec(data))).toEqual(data);
        expect(readFaultSpec(join(parts, wrap, true))).toEqual(data);
      }),
    );
  });
});
