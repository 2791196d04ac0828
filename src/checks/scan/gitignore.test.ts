import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ignoredBy, parseIgnore } from './gitignore.js';

const ignored = (rules: string, path: string, directory = false) =>
  ignoredBy(parseIgnore(rules), path, directory) === true;

describe('gitignore patterns', () => {
  test('a bare name matches at any depth; a slash anchors it to the folder of the .gitignore', () => {
    expect(ignored('generated', 'generated', true)).toBe(true);
    expect(ignored('generated', 'src/generated', true)).toBe(true);
    expect(ignored('/generated', 'src/generated', true)).toBe(false);
    expect(ignored('src/gen', 'src/gen', true)).toBe(true);
    expect(ignored('src/gen', 'lib/src/gen', true)).toBe(false);
  });

  test('a trailing slash matches folders only', () => {
    expect(ignored('out/', 'out', true)).toBe(true);
    expect(ignored('out/', 'out', false)).toBe(false);
  });

  test('wildcards, double stars, classes and negation', () => {
    expect(ignored('*.log', 'logs/app.log')).toBe(true);
    expect(ignored('*.log', 'app.log.ts')).toBe(false);
    expect(ignored('a/**/b.ts', 'a/b.ts')).toBe(true);
    expect(ignored('a/**/b.ts', 'a/x/y/b.ts')).toBe(true);
    expect(ignored('**/fixtures', 'deep/er/fixtures', true)).toBe(true);
    expect(ignored('config.[jt]s', 'config.ts')).toBe(true);
    expect(ignored('config.[!jt]s', 'config.ts')).toBe(false);
    expect(ignored('.env*\n!.env.example', '.env.local')).toBe(true);
    expect(ignored('.env*\n!.env.example', '.env.example')).toBe(false);
    expect(ignored('# comment\n\n  ', 'comment')).toBe(false);
  });

  test('any text parses, and a plain name always ignores itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, path) => {
        const rules = parseIgnore(text);
        ignoredBy(rules, path, false);
        ignoredBy(rules, path, true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/),
        fc.stringMatching(/^([a-z]{1,4}\/){0,3}$/),
        (name, dir) => {
          fc.pre(!name.startsWith('#') && name !== '.' && name !== '..');
          expect(ignored(name, `${dir}${name}`)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
