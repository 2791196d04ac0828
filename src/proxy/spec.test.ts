import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../errors.js';
import { plainEnvelope as envelope } from './fixture.js';
import { formatFaultSpec, parseFaultSpec, readFaultSpec } from './spec.js';

const parse = (spec: string) => parseFaultSpec(spec, { envelope });

describe('fault specs', () => {
  test.each([
    'status:503',
    'status:500:invalid_request',
    'status:400:invalid_request:type=invalid_request_error',
    'retry-after:2+status:429',
    'status:429+retry-after-ms:1500',
    'retry-after-date:3+status:429',
    'should-retry:false+status:503',
    'hang',
    'hang:2000',
    'delay:500',
    'drip:20:8',
    'reset-before-headers',
    'reset-after:100',
    'cut-stream',
    'cut-stream:2',
    'truncate',
    'truncate:40',
    'drop:choices[0].message.content',
    'null:choices[].delta.content',
    'rename:usage=usage_info',
    'add:usage.cost=0.5',
    'sequence:2xstatus:503',
    'sequence:1xstatus:429+retry-after:1',
    'chance:0.25:7xstatus:500',
    'only:streamxcut-stream:2',
    'status-503*2',
    'rate-limit-retry-after:2',
    'hang:30*2',
    'stream-cut~0.3',
    'add:usage.extra={"a":1}',
  ])('parses %s, and its data formats back to the same text', (spec) => {
    expect(typeof parse(spec)).toBe('function');
    expect(formatFaultSpec(readFaultSpec(spec))).toBe(spec);
  });

  test('a wrapper takes every fault after it, as data', () => {
    expect(readFaultSpec('retry-after:1+sequence:2xstatus:503:busy+should-retry:false')).toEqual([
      { fault: 'retry-after', seconds: 1 },
      {
        fault: 'sequence',
        count: 2,
        inner: [
          { fault: 'status', status: 503, code: 'busy' },
          { fault: 'should-retry', value: false },
        ],
      },
    ]);
  });

  test.each([
    ['nonsense', /unknown fault/],
    ['status', /status must be an integer/],
    ['status:abc', /status must be an integer/],
    ['delay:-5', /integer/],
    ['should-retry:maybe', /true or false/],
    ['drop:', /path/],
    ['rename:usage', /PATH=VALUE/],
    ['chance:2xstatus:500', /between 0 and 1/],
    ['status:500+', /empty fault/],
  ])('rejects %s with a usage error', (spec, message) => {
    expect(() => parse(spec)).toThrow(message);
  });

  test('any text either parses or fails with a usage error, never with a crash', () => {
    const pieces = fc.constantFrom(
      'status',
      'delay',
      'sequence',
      'x',
      ':',
      '+',
      '500',
      'drop',
      '=',
      '[0]',
      '.',
      'a',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join('')),
        ),
        (spec) => {
          try {
            parse(spec);
          } catch (error) {
            expect(error).toBeInstanceOf(ChatproofError);
            expect((error as ChatproofError).code).toBe('E_USAGE');
          }
        },
      ),
    );
  });
});
