import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { JsonValue } from '../contract/index.js';
import { applyRewrite, parsePath } from './json-path.js';

describe('json paths', () => {
  test('parses keys, indexes and every-item steps', () => {
    expect(parsePath('choices[0].message.content')).toEqual([
      { key: 'choices' },
      { index: 0 },
      { key: 'message' },
      { key: 'content' },
    ]);
    expect(parsePath('choices[].delta')).toEqual([{ key: 'choices' }, { every: true }, { key: 'delta' }]);
    expect(parsePath('a..b')).toBeUndefined();
    expect(parsePath('')).toBeUndefined();
  });

  test('drops a field in every array item', () => {
    const value: JsonValue = { choices: [{ message: { content: 'a' } }, { message: { content: 'b' } }] };
    expect(applyRewrite(value, { op: 'drop', path: 'choices[].message.content' })).toBe(2);
    expect(value).toEqual({ choices: [{ message: {} }, { message: {} }] });
  });

  test('a path that reaches nothing changes nothing', () => {
    const value: JsonValue = { choices: [] };
    expect(applyRewrite(value, { op: 'null', path: 'choices[0].message.content' })).toBe(0);
    expect(value).toEqual({ choices: [] });
  });

  test('any dotted path of plain keys round-trips through the parser', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 6 }), (keys) => {
        expect(parsePath(keys.join('.'))).toEqual(keys.map((k) => ({ key: k })));
      }),
    );
  });

  test('dropping then reading a path finds nothing there', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.stringMatching(/^x[a-z]{0,4}$/), (value, key) => {
        const root = { [key]: value as JsonValue, keep: 1 };
        applyRewrite(root, { op: 'drop', path: key });
        expect(Object.hasOwn(root, key)).toBe(false);
        expect(root.keep).toBe(1);
      }),
    );
  });
});
