/**
 * @module checks/probe/header-syntax
 * Reading documented response headers by their syntax (`response.headers`): integers, seconds, seconds or an
 * HTTP date (RFC 9110 `Retry-After`), milliseconds, Go-style durations (`6m0s`, OpenAI's rate-limit resets)
 * and tokens (RFC 9110 `token`, request ids). Pure; `now` is passed in for an HTTP date.
 */
import type { HeaderSyntax } from '../../contract/index.js';

export type HeaderReading =
  | { ok: true /** The delay or count it states, in ms for times; the integer for counts. */; value?: number }
  | { ok: false };

const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;
const DURATION =
  /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// IMF-fixdate, the obsolete RFC 850 form and asctime (RFC 9110 section 5.6.7): recipients accept all three.
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

function httpDate(text: string): number | undefined {
  if (!HTTP_DATE.some((form) => form.test(text))) return undefined;
  const ms = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Reads `raw` as `syntax`. `nowMs` turns an HTTP date into a delay (clamped at 0). */
export function readHeader(syntax: HeaderSyntax, raw: string, nowMs?: number): HeaderReading {
  const text = raw.trim();
  switch (syntax) {
    case 'integer':
      return DIGITS.test(text) ? { ok: true, value: Number(text) } : { ok: false };
    case 'seconds':
      return DECIMAL.test(text) ? { ok: true, value: Number(text) * 1000 } : { ok: false };
    case 'milliseconds':
      return DECIMAL.test(text) ? { ok: true, value: Number(text) } : { ok: false };
    case 'seconds-or-http-date': {
      if (DIGITS.test(text)) return { ok: true, value: Number(text) * 1000 };
      const at = httpDate(text);
      if (at === undefined) return { ok: false };
      return nowMs === undefined ? { ok: true } : { ok: true, value: Math.max(0, at - nowMs) };
    }
    case 'duration': {
      const match = text === '' ? null : DURATION.exec(text);
      if (!match) return { ok: false };
      const [h, m, s, ms] = match.slice(1).map((part) => Number(part ?? 0)) as [
        number,
        number,
        number,
        number,
      ];
      return { ok: true, value: ((h * 60 + m) * 60 + s) * 1000 + ms };
    }
    case 'token':
      return TOKEN.test(text) ? { ok: true } : { ok: false };
  }
}

/** What each syntax accepts, for messages. */
export const SYNTAX_LABEL: Readonly<Record<HeaderSyntax, string>> = {
  integer: 'a non-negative integer',
  seconds: 'a number of seconds',
  'seconds-or-http-date': 'a number of seconds or an HTTP date',
  milliseconds: 'a number of milliseconds',
  duration: 'a duration like `1s` or `6m0s`',
  token: 'an HTTP token',
};

/** The syntax a retry header has when `response.headers` does not state it: the RFC's and the SDK's. */
export function retryHeaderSyntax(name: string): HeaderSyntax {
  return name === 'retry-after-ms' ? 'milliseconds' : 'seconds-or-http-date';
}
