import { describe, expect, test } from 'vitest';
import { notRunHint } from './hints.js';

describe('notRunHint', () => {
  test('a check kept from running by a key reference that does not resolve says how to make it resolve', () => {
    const hint = notRunHint({
      check: 'probe',
      code: 'not-run',
      reason: 'E_SECRET_REF: env:CHAT_KEY: the environment variable CHAT_KEY is not set',
    });
    expect(hint).toMatch(/set the environment variable or write the file that `auth\.key-ref` names/);
    expect(hint).toMatch(/--key-ref env:NAME or file:PATH/);
    expect(hint).toMatch(/waive `probe:not-run`/);
    expect(hint).not.toMatch(/remove the cause above/);
  });

  test('a cause without a specific step keeps the general one', () => {
    expect(notRunHint({ check: 'probe', code: 'not-run', reason: 'the run deadline passed' })).toMatch(
      /remove the cause above/,
    );
  });
});
