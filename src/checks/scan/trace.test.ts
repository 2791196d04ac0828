import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inFolder, parseLocation, samePath } from './trace.js';

describe('implementation locations', () => {
  test('repository paths with a line, a key, or neither', () => {
    expect(parseLocation('helm/values.yaml:42')).toEqual({ path: 'helm/values.yaml', line: 42 });
    expect(parseLocation('./src/llm.ts:7:3')).toEqual({ path: 'src/llm.ts', line: 7 });
    expect(parseLocation('helm/values.yaml#llm.baseUrl')).toEqual({
      path: 'helm/values.yaml',
      key: 'llm.baseUrl',
    });
    expect(parseLocation('values.yaml')).toEqual({ path: 'values.yaml' });
    expect(parseLocation('.env.production:3')).toEqual({ path: '.env.production', line: 3 });
  });

  test('URLs, references, test names, absolute or escaping paths and bare keys are not repository paths', () => {
    for (const location of [
      'https://grafana.example.test/d/chat',
      'env:CHAT_API_KEY',
      'file:/run/secrets/key',
      'retries on 429',
      '/etc/chat.yaml',
      '../other/repo.ts:3',
      'llm.baseUrl',
      '<IMPLEMENTATION_LOCATION>',
    ])
      expect(parseLocation(location), location).toBeUndefined();
    expect(parseLocation('grafana/d/chat', 'dashboard')).toBeUndefined();
  });

  test('any text parses; a generated path:line round-trips', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseLocation(text);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^([a-z][a-z0-9_-]{0,6}\/){0,3}[a-z][a-z0-9_-]{0,8}\.(ts|py|go|yaml)$/),
        fc.integer({ min: 1, max: 100_000 }),
        (path, line) => {
          expect(parseLocation(`${path}:${line}`)).toEqual({ path, line });
          expect(samePath(path, `svc/${path}`)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a folder location traces the findings of the files below it, and only those', () => {
    expect(inFolder('src/simulator/profiles/cometapi.ts', 'src/simulator/profiles')).toBe(true);
    expect(inFolder('src/simulator/profiles/cometapi.ts', 'src/simulator/profiles/')).toBe(true);
    expect(inFolder('svc/src/simulator/profiles/cometapi.ts', 'src/simulator/profiles')).toBe(true);
    expect(inFolder('src/simulator/profiles-old/cometapi.ts', 'src/simulator/profiles')).toBe(false);
    expect(inFolder('src/simulator/profiles.ts', 'src/simulator/profiles')).toBe(false);
    expect(inFolder('src/a.ts', 'src/a.ts')).toBe(false);
  });
});
