import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRedactor, findSecret, REDACTED } from './redactor.js';

const keyChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-');
const secretArb = fc.string({ unit: keyChars, minLength: 16, maxLength: 64 });
const noise = fc.string({ maxLength: 40 });

/** Every way a secret may be embedded in an artifact. */
const encodings: Record<string, (secret: string, before: string, after: string) => string> = {
  raw: (s, b, a) => `${b}${s}${a}`,
  base64: (s, b, a) => Buffer.from(`${b}${s}${a}`).toString('base64'),
  base64url: (s, b, a) => Buffer.from(`${b}${s}${a}`).toString('base64url'),
  url: (s, b, a) => encodeURIComponent(`${b}${s}${a}`),
  json: (s, b, a) => JSON.stringify({ note: `${b}${s}${a}` }),
  hex: (s, b, a) => Buffer.from(`${b}${s}${a}`).toString('hex'),
  hexUpper: (s, b, a) => Buffer.from(`${b}${s}${a}`).toString('hex').toUpperCase(),
  basicAuth: (s) => `Basic ${Buffer.from(`user:${s}`).toString('base64')}`,
  fragment: (s, b, a) => `${b}${s.slice(2, 2 + 12)}${a}`,
};

/**
 * An oracle independent of the redactor's own needle list: decode every run of characters of each alphabet at
 * every alignment, and look for any 12-character piece of the secret in the plain text.
 */
function leaks(out: string, secret: string): boolean {
  const pieces = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
  const views = [
    out,
    safe(() => decodeURIComponent(out)),
    safe(() => JSON.parse(`"${out.replace(/"/g, '')}"`)),
  ];
  for (const run of out.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let shift = 0; shift < 4; shift++) {
      views.push(Buffer.from(run.slice(shift), 'base64').toString('latin1'));
      views.push(Buffer.from(run.slice(shift), 'base64url').toString('latin1'));
    }
  }
  for (const run of out.match(/[0-9a-fA-F]{8,}/g) ?? []) {
    views.push(
      Buffer.from(run, 'hex').toString('latin1'),
      Buffer.from(run.slice(1), 'hex').toString('latin1'),
    );
  }
  return views.some((view) => pieces.some((piece) => view.includes(piece)));
}

function safe(read: () => unknown): string {
  try {
    return String(read());
  } catch {
    return '';
  }
}

describe('exact-value redaction', () => {
  for (const [name, encode] of Object.entries(encodings)) {
    test(`no planted canary survives ${name} encoding`, () => {
      fc.assert(
        fc.property(secretArb, noise, noise, (secret, before, after) => {
          const redactor = createRedactor({ secrets: [secret] });
          const planted = encode(secret, before, after);
          expect(leaks(planted, secret)).toBe(true);
          const out = redactor.text(planted);
          expect(leaks(out, secret)).toBe(false);
          expect(findSecret(out, [secret])).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    });
  }

  test('redaction is idempotent', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 200 }), fc.nat(3), (secret, text, copies) => {
        const redactor = createRedactor({ secrets: [secret] });
        const input = `${text}${secret.repeat(copies)}${text}`;
        const once = redactor.text(input);
        expect(redactor.text(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  test('text without secrets passes through unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abc xyz.,:/'), maxLength: 100 }), (text) => {
        expect(createRedactor({ secrets: ['Zq9-very-secret-canary-123'] }).text(text)).toBe(text);
      }),
    );
  });
});

describe('structural redaction', () => {
  const redactor = createRedactor();

  test('secret headers are replaced whole and the auth scheme is kept', () => {
    const out = redactor.headers({
      Authorization: 'Bearer abc.def',
      'X-Api-Key': 'k',
      Cookie: 'a=b',
      'set-cookie': ['s=1', 't=2'],
      'content-type': 'application/json',
    });
    expect(out).toEqual({
      authorization: `Bearer ${REDACTED}`,
      'x-api-key': REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'content-type': 'application/json',
    });
  });

  test('secret JSON keys are replaced at any depth', () => {
    const out = redactor.json({ a: { api_key: 'x', nested: [{ password: 'p', ok: 1 }] }, token: 't' });
    expect(out).toEqual({
      a: { api_key: REDACTED, nested: [{ password: REDACTED, ok: 1 }] },
      token: REDACTED,
    });
  });

  test('a URL password is replaced and the user and host kept', () => {
    expect(redactor.url('http://ops:hunter2secret@127.0.0.1:9/v1/chat')).toBe(
      `http://ops:${REDACTED}@127.0.0.1:9/v1/chat`,
    );
    expect(redactor.text('curl http://a:b@h/x')).toBe(`curl http://a:${REDACTED}@h/x`);
  });

  test('secret query parameters are replaced and others kept', () => {
    expect(redactor.url('https://h/v1/x?key=abc&model=m&api_key=z#f')).toBe(
      `https://h/v1/x?key=${REDACTED}&model=m&api_key=${REDACTED}#f`,
    );
  });

  test('an exchange is redacted in URL, headers, bodies and error', () => {
    const secret = 'sim-canary-0123456789abcdef';
    const r = createRedactor({ secrets: [secret] });
    const out = r.exchange({
      startedAt: '2026-01-01T00:00:00.000Z',
      request: {
        method: 'POST',
        url: `http://127.0.0.1/v1?x=${secret}`,
        headers: { authorization: `Bearer ${secret}` },
        body: JSON.stringify({ messages: [{ content: secret }] }),
      },
      response: { status: 401, headers: { 'x-echo': secret }, body: `bad key ${secret}`, truncated: false },
      error: { code: 'X', message: secret },
      timings: { totalMs: 1 },
    });
    expect(JSON.stringify(out)).not.toContain(secret.slice(0, 12));
  });
});

/** Per-character escapes a JSON, HTML or URL writer applies, to every character or to some of them. */
const escapes: Record<string, (char: string) => string> = {
  jsonUnicode: (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  jsonUnicodeUpper: (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
  htmlDecimal: (c) => `&#${c.charCodeAt(0)};`,
  htmlHex: (c) => `&#x${c.charCodeAt(0).toString(16)};`,
  percent: (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
};

describe('escaped forms', () => {
  for (const [name, escapeChar] of Object.entries(escapes)) {
    test(`a canary escaped with ${name}, wholly or in part, does not survive`, () => {
      fc.assert(
        fc.property(
          secretArb,
          noise,
          noise,
          fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
          (secret, before, after, mask) => {
            const planted = `${before}${Array.from(secret, (c, i) => (mask[i] || i % 5 === 0 ? escapeChar(c) : c)).join('')}${after}`;
            const out = createRedactor({ secrets: [secret] }).text(planted);
            expect(out).toContain(REDACTED);
            expect(findSecret(out, [secret])).toBeUndefined();
            expect(findSecret(planted, [secret])).toBeDefined();
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  test('a JSON body with the key in \\u escapes is redacted raw and once parsed', () => {
    const secret = 'zq9Canary0fTheRunXY77';
    const body = `{"error":{"message":"bad key ${Array.from(secret, escapes.jsonUnicode!).join('')}"}}`;
    const redactor = createRedactor({ secrets: [secret] });
    expect(redactor.text(body)).not.toMatch(/\\u00/);
    expect(JSON.stringify(redactor.json(JSON.parse(body)))).not.toContain(secret.slice(0, 12));
    expect(redactor.text('&lt;b&gt; plain %20 text \\n')).toBe('&lt;b&gt; plain %20 text \\n');
  });
});
