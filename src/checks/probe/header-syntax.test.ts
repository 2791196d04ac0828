import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readHeader } from './header-syntax.js';

describe('header syntax', () => {
  test('Retry-After reads delay-seconds and the three HTTP date forms, and nothing else', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(readHeader('seconds-or-http-date', '2', now)).toEqual({ ok: true, value: 2000 });
    expect(readHeader('seconds-or-http-date', 'Wed, 02 Dec 2026 10:00:05 GMT', now)).toEqual({
      ok: true,
      value: 5000,
    });
    expect(readHeader('seconds-or-http-date', 'Wednesday, 02-Dec-26 10:00:05 GMT', now).ok).toBe(true);
    expect(readHeader('seconds-or-http-date', 'Wed Dec  2 10:00:05 2026', now).ok).toBe(true);
    // A date in the past is no delay at all, never a negative one.
    expect(readHeader('seconds-or-http-date', 'Wed, 02 Dec 2026 09:00:00 GMT', now)).toEqual({
      ok: true,
      value: 0,
    });
    for (const bad of ['soon', '-1', '1.5e3', '', '2026-12-02', 'Wed, 02 Dec 2026 10:00:05']) {
      expect(readHeader('seconds-or-http-date', bad, now).ok, bad).toBe(false);
    }
  });

  test('durations as OpenAI sends its rate-limit resets', () => {
    expect(readHeader('duration', '1s')).toEqual({ ok: true, value: 1000 });
    expect(readHeader('duration', '6m0s')).toEqual({ ok: true, value: 360_000 });
    expect(readHeader('duration', '20ms')).toEqual({ ok: true, value: 20 });
    expect(readHeader('duration', '1h2m3.5s')).toEqual({ ok: true, value: 3_723_500 });
    for (const bad of ['', '6 minutes', 's', '1d', '-1s'])
      expect(readHeader('duration', bad).ok, bad).toBe(false);
  });

  test('integers and tokens', () => {
    expect(readHeader('integer', '59')).toEqual({ ok: true, value: 59 });
    expect(readHeader('integer', 'plenty').ok).toBe(false);
    expect(readHeader('integer', '1.5').ok).toBe(false);
    expect(readHeader('token', 'req_abc-123').ok).toBe(true);
    expect(readHeader('token', 'two words').ok).toBe(false);
  });

  test('property: every non-negative integer reads back as itself in every numeric syntax', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(readHeader('integer', String(n))).toEqual({ ok: true, value: n });
        expect(readHeader('seconds', String(n))).toEqual({ ok: true, value: n * 1000 });
        expect(readHeader('milliseconds', String(n))).toEqual({ ok: true, value: n });
        expect(readHeader('seconds-or-http-date', String(n))).toEqual({ ok: true, value: n * 1000 });
      }),
    );
  });

  test('property: any HTTP date produced by toUTCString reads as the delay to it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: 0, max: 86_400 }),
        (at, ahead) => {
          const now = at * 1000;
          const text = new Date(now + ahead * 1000).toUTCString();
          expect(readHeader('seconds-or-http-date', text, now)).toEqual({ ok: true, value: ahead * 1000 });
        },
      ),
    );
  });

  test('property: arbitrary text never throws, and text with a space is never a token', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const syntax of [
          'integer',
          'seconds',
          'seconds-or-http-date',
          'milliseconds',
          'duration',
        ] as const) {
          expect(typeof readHeader(syntax, text, 0).ok).toBe('boolean');
        }
        if (/\S\s+\S/.test(text)) expect(readHeader('token', text).ok).toBe(false);
      }),
    );
  });
});
