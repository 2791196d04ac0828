import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../../errors.js';
import { assertBaseUrl } from './target.js';

function usageError(value: string): ChatproofError {
  try {
    assertBaseUrl(value);
  } catch (error) {
    if (error instanceof ChatproofError) return error;
    throw error;
  }
  throw new Error(`accepted ${value}`);
}

describe('assertBaseUrl', () => {
  test('accepts absolute http and https URLs as given', () => {
    for (const url of ['http://127.0.0.1:8080/v1', 'https://api.cometapi.com/v1/', 'http://[::1]:1/v1']) {
      expect(assertBaseUrl(url)).toBe(url);
    }
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (url) => assertBaseUrl(url) === url),
      { numRuns: 200 },
    );
  });

  test.each([
    ['notaurl', /not an absolute URL/],
    ['ftp://x', /scheme `ftp:` is not http: or https:/],
    ['file:///etc/passwd', /scheme `file:`/],
    ['api.cometapi.com/v1', /not an absolute URL/],
    ['', /not an absolute URL/],
  ])('rejects %j as a usage error naming the option and the value', (value, why) => {
    const error = usageError(value);
    expect(error.code).toBe('E_USAGE');
    expect(error.message).toContain('--base-url');
    expect(error.message).toContain(`\`${value}\``);
    expect(error.message).toMatch(why);
  });

  test('does not echo a password written into a rejected URL', () => {
    const error = usageError('ftp://user:hunter2@files.example/v1');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('ftp://user:***@files.example/v1');
  });
});
