import { describe, expect, test } from 'vitest';
import { SECRET_PATTERNS } from './patterns.js';
import { createRedactor } from './redactor.js';

/** Each rule with samples it must catch and look-alikes it must leave alone. */
const samples: Record<string, { positive: string[]; negative: string[] }> = {
  'sk-key': {
    positive: ['sk-abcdefghijklmnopqrstuvwx1234', 'key=sk-proj-AbCdEfGhIjKlMnOpQrStUv12'],
    negative: ['sk-short', 'task-manager-configuration-file', 'risk-assessment'],
  },
  'bearer-token': {
    positive: ['Authorization: Bearer abcdefghijklmnop1234', 'bearer-ish: Bearer eyJhbGciOiJIUzI1NiJ9aaaa'],
    negative: ['Bearer <SECRET_REFERENCE>', 'the bearer scheme', 'Bearer short'],
  },
  'aws-access-key': { positive: ['AKIAIOSFODNN7EXAMPLE'], negative: ['AKIA-not-a-key', 'AKIAshort'] },
  'github-token': {
    positive: ['ghp_0123456789abcdefghijABCDEFGHIJ012345'],
    negative: ['ghp_short', 'github_pat_docs'],
  },
  'slack-token': { positive: ['xoxb-1234567890-abcdef'], negative: ['xox-b', 'xoxo hugs'] },
  'google-api-key': {
    positive: ['AIzaSyA-0123456789abcdefghijklmnopqrstu'],
    negative: ['AIza short', 'Aizawa'],
  },
  'url-password': {
    positive: ['http://user:hunter2secret@127.0.0.1:8080/v1', 'proxy https://ops:p%40ss@gw.example/'],
    negative: ['http://127.0.0.1:8080/v1', 'mail j.doe@example.com', 'https://host/a:b@c'],
  },
  jwt: {
    positive: [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
    negative: ['eyJ.eyJ.x', 'version 1.2.3'],
  },
};

describe('pattern rules for unknown keys', () => {
  test('every rule has samples', () => {
    expect(Object.keys(samples).sort()).toEqual(SECRET_PATTERNS.map((p) => p.name).sort());
  });

  for (const { name, pattern } of SECRET_PATTERNS) {
    const { positive, negative } = samples[name] ?? { positive: [], negative: [] };
    test(`${name} catches its true positives`, () => {
      for (const sample of positive) {
        pattern.lastIndex = 0;
        expect(pattern.test(sample), sample).toBe(true);
        expect(createRedactor().text(sample)).toContain('[REDACTED]');
      }
    });
    test(`${name} leaves look-alikes alone`, () => {
      for (const sample of negative) {
        pattern.lastIndex = 0;
        expect(pattern.test(sample), sample).toBe(false);
      }
    });
  }
});
