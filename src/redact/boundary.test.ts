import { describe, expect, test } from 'vitest';
import { activeBoundary, createBoundary, learnSecret, redactOutput, withBoundary } from './boundary.js';
import { looksLikeSecret } from './patterns.js';
import { findSecret, REDACTED } from './redactor.js';

/** Not shaped like any known key: pattern rules cannot hide a miss. */
const CANARY = 'zq7Canary0fRun4Vb9Lm2Xt';

describe('the redacting boundary', () => {
  test('the canary matches no pattern rule, so only exact-value redaction can catch it', () => {
    expect(looksLikeSecret(CANARY)).toBe(false);
  });

  test('a sink redacts a secret learnt after it was created, in every encoding', () => {
    const boundary = createBoundary();
    const written: string[] = [];
    const sink = boundary.sink({ write: (text) => written.push(text) });
    sink.write(`before ${CANARY}\n`);
    boundary.addSecret(CANARY);
    const unicode = Array.from(CANARY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const html = Array.from(CANARY, (c) => `&#${c.charCodeAt(0)};`).join('');
    for (const form of [
      CANARY,
      Buffer.from(`x:${CANARY}`).toString('base64'),
      Buffer.from(CANARY).toString('hex'),
      unicode,
      html,
      CANARY.slice(3, 15),
    ])
      sink.write(`after ${form}\n`);
    expect(written[0]).toContain(CANARY);
    for (const line of written.slice(1)) {
      expect(line).toContain(REDACTED);
      expect(findSecret(line, [CANARY])).toBeUndefined();
    }
  });

  test('learns URL passwords and secret-named query parameters, even from a URL that does not parse', () => {
    const boundary = createBoundary();
    boundary.addUrl(`http://ops:${CANARY}@127.0.0.1:9/v1?api_key=Zz81queryCanary&model=m`);
    boundary.addUrl(`http://ops:Hh27unparsedCanary@[::zz]/v1`);
    expect(boundary.secrets()).toEqual(
      expect.arrayContaining([CANARY, 'Zz81queryCanary', 'Hh27unparsedCanary']),
    );
    expect(boundary.text(`said Zz81queryCanary and ${CANARY}`)).toBe(`said ${REDACTED} and ${REDACTED}`);
  });

  test('learns values sent under auth-like header names, not short or ordinary ones', () => {
    const boundary = createBoundary();
    boundary.addHeaders({
      'x-custom-auth': CANARY,
      authorization: 'Basic dXNlcjpCYjk5YmFzaWNQYXNzd29yZA==',
      'x-api-key': 'on',
      'content-type': 'application/json',
    });
    expect(boundary.secrets()).toEqual(expect.arrayContaining([CANARY, 'Bb99basicPassword']));
    expect(boundary.secrets()).not.toContain('on');
    expect(boundary.secrets()).not.toContain('application/json');
  });

  test('code inside a run reaches its boundary; outside a run nothing changes', async () => {
    const boundary = createBoundary();
    await withBoundary(boundary, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      learnSecret(CANARY);
      expect(activeBoundary()).toBe(boundary);
      expect(redactOutput(CANARY)).toBe(REDACTED);
    });
    expect(activeBoundary()).toBeUndefined();
    expect(redactOutput(CANARY)).toBe(CANARY);
  });
});
