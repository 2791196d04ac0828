import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FieldMeaning } from '../../contract/index.js';
import { CLOCK_TOLERANCE_S, checkMeaning, streamIndexViolation } from './meaning.js';

const tokens: FieldMeaning = { type: 'integer', minimum: 0, unit: 'tokens' };
const MEANINGS: Record<string, FieldMeaning> = {
  object: { enum: ['chat.completion'] },
  created: { type: 'integer', unit: 'unix-seconds', clock: 'near' },
  'choices[].index': { type: 'integer', unit: 'index' },
  'usage.prompt_tokens': tokens,
  'usage.completion_tokens': tokens,
  'usage.total_tokens': { ...tokens, sum: ['usage.prompt_tokens', 'usage.completion_tokens'] },
  'usage.completion_tokens_details.reasoning_tokens': { ...tokens, atMost: 'usage.completion_tokens' },
};
const NOW = 1_796_000_000;
const body = (over: Record<string, unknown> = {}) => ({
  object: 'chat.completion',
  created: NOW,
  choices: [{ index: 0 }, { index: 1 }],
  usage: {
    prompt_tokens: 3,
    completion_tokens: 4,
    total_tokens: 7,
    completion_tokens_details: { reasoning_tokens: 2 },
  },
  ...over,
});
const codes = (value: unknown, clock: number | null = NOW) =>
  checkMeaning(MEANINGS, value, 'json', clock ?? undefined).violations.map((v) => `${v.path}:${v.code}`);

describe('field meaning', () => {
  test('a conforming body holds every meaning', () => {
    const result = checkMeaning(MEANINGS, body(), 'json', NOW);
    expect(result.violations).toEqual([]);
    expect(result.checked).toHaveLength(Object.keys(MEANINGS).length);
  });

  test('each broken meaning is named by its path and code', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 9 };
    expect(codes(body({ usage }))).toEqual(['usage.total_tokens:meaning-sum-mismatch']);
    expect(codes(body({ usage: { ...usage, prompt_tokens: 1.5, total_tokens: 5.5 } }))).toEqual([
      'usage.prompt_tokens:meaning-wrong-type',
      'usage.total_tokens:meaning-wrong-type',
    ]);
    const details = { ...body().usage, completion_tokens_details: { reasoning_tokens: 5 } };
    expect(codes(body({ usage: details }))).toEqual([
      'usage.completion_tokens_details.reasoning_tokens:meaning-exceeds-parent',
    ]);
    expect(codes(body({ object: 'list' }))).toEqual(['object:meaning-not-allowed']);
    expect(codes(body({ created: NOW * 1000 }))).toEqual(['created:meaning-time-milliseconds']);
    expect(codes(body({ created: NOW - CLOCK_TOLERANCE_S - 1 }))).toEqual(['created:meaning-time-far']);
    expect(codes(body({ choices: [{ index: 0 }, { index: 0 }] }))).toEqual([
      'choices[].index:meaning-index-invalid',
    ]);
    expect(codes(body({ choices: [{ index: 1 }] }))).toEqual(['choices[].index:meaning-index-invalid']);
  });

  test('without a clock only the unit of a time is judged; absent and null fields are not meaning', () => {
    expect(codes(body({ created: 5 }), null)).toEqual([]);
    expect(codes(body({ created: NOW * 1000 }), null)).toEqual(['created:meaning-time-milliseconds']);
    expect(codes({ object: 'chat.completion', usage: null })).toEqual([]);
  });

  test('a time with no clock relation (an expiry) is judged for its unit only', () => {
    const expiry = { expires_at: { type: 'integer', unit: 'unix-seconds' } } satisfies Record<
      string,
      FieldMeaning
    >;
    expect(checkMeaning(expiry, { expires_at: NOW + 86_400 }, 'json', NOW).violations).toEqual([]);
    expect(
      checkMeaning(expiry, { expires_at: NOW * 1000 }, 'json', NOW).violations.map((v) => v.code),
    ).toEqual(['meaning-time-milliseconds']);
  });

  test('a model may be old, but not from the future', () => {
    const list = (created: number) => ({ data: [{ created }] });
    const models = {
      'data[].created': { type: 'integer', unit: 'unix-seconds', clock: 'past' },
    } satisfies Record<string, FieldMeaning>;
    expect(checkMeaning(models, list(1_600_000_000), 'models', NOW).violations).toEqual([]);
    expect(checkMeaning(models, list(NOW + 86_400), 'models', NOW).violations.map((v) => v.code)).toEqual([
      'meaning-time-far',
    ]);
  });

  test('a list whose items are not objects is one finding, whatever is stated under it', () => {
    const models = {
      'data[].id': { type: 'string' },
      'data[].created': { type: 'integer', unit: 'unix-seconds' },
    } satisfies Record<string, FieldMeaning>;
    const found = checkMeaning(models, { object: 'list', data: ['gpt-4o', 'gpt-4o-mini'] }, 'models', NOW);
    expect(found.violations.map((v) => `${v.path}:${v.code}:${v.observed}`)).toEqual([
      'data[]:meaning-wrong-type:string',
    ]);
  });

  test('a stream numbers its choices from 0 across chunks', () => {
    const chunks = (indices: number[]) => indices.map((index) => ({ choices: [{ index }] }));
    expect(streamIndexViolation('choices[].index', chunks([0, 1, 0, 1]))).toBeUndefined();
    expect(streamIndexViolation('choices[].index', chunks([1, 1]))?.code).toBe('meaning-index-invalid');
    expect(streamIndexViolation('choices[].index', [{ choices: [] }])).toBeUndefined();
  });

  test('property: usage made of non-negative parts and their sum always holds', () => {
    fc.assert(
      fc.property(fc.nat(1e7), fc.nat(1e7), fc.nat(), (prompt, completion, share) => {
        const reasoning = completion === 0 ? 0 : share % (completion + 1);
        const usage = {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
          completion_tokens_details: { reasoning_tokens: reasoning },
        };
        expect(codes(body({ usage }))).toEqual([]);
        expect(codes(body({ usage: { ...usage, total_tokens: prompt + completion + 1 } }))).toEqual([
          'usage.total_tokens:meaning-sum-mismatch',
        ]);
      }),
    );
  });
});
