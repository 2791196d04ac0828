import { describe, expect, test } from 'vitest';
import { presenceFromSchema } from './presence-schema.js';

/** A tool call is one of two branches, each with its own required field; `metadata` is a map of strings. */
const schema = {
  type: 'object',
  required: ['id', 'tool_calls'],
  properties: {
    id: { type: 'string' },
    annotations: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' } } } },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
    tool_calls: {
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'object',
            required: ['type', 'function'],
            properties: { type: { const: 'function' }, function: { type: 'object' } },
          },
          {
            type: 'object',
            required: ['type', 'custom'],
            properties: { type: { const: 'custom' }, custom: { type: 'object' } },
          },
        ],
      },
    },
  },
};

describe('presence read from a JSON Schema', () => {
  const body = {
    id: 'x',
    annotations: [],
    metadata: { team: 'billing', 'any-key': 'v' },
    tool_calls: [{ type: 'function', function: {} }],
  };
  const presence = presenceFromSchema(schema, body);

  test('a field of another oneOf branch is not demanded of the branch the body matches', () => {
    expect(presence.absent.map((f) => f.path)).not.toContain('tool_calls[].custom');
  });

  test('an empty array is present', () => {
    expect(presence.present).toContain('annotations');
    expect(presence.absent.map((f) => f.path)).not.toContain('annotations');
  });

  test('keys under a documented map are documented', () => {
    expect(presence.undocumented).toEqual([]);
    expect(presence.present).toEqual(expect.arrayContaining(['metadata.team', 'metadata.any-key']));
  });

  test('an absent optional field is optional, an absent required one required', () => {
    const bare = presenceFromSchema(schema, { tool_calls: [] });
    const of = (path: string) => bare.absent.find((f) => f.path === path)?.presence;
    expect(of('id')).toBe('required');
    expect(of('annotations')).toBe('optional');
    expect(of('metadata')).toBe('optional');
  });
});
