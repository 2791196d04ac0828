import { describe, expect, test } from 'vitest';
import { notRunHint } from './hints.js';

describe('notRunHint', () => {
  test('a check kept from running by a key reference that does not resolve says how to make it resolve', () => {
    const hint = notRunHint({
      check: 'probe',
      code: 'not-run',
      error: 'E_SECRET_REF',
      reason: 'E_SECRET_REF: env:CHAT_KEY: the environment variable CHAT_KEY is not set',
    });
    expect(hint).toMatch(/set the environment variable or write the file that `auth\.key-ref` names/);
    expect(hint).toMatch(/--key-ref env:NAME or file:PATH/);
    expect(hint).toMatch(/waive `probe:not-run`/);
    expect(hint).not.toMatch(/remove the cause above/);
  });

  test('the step is chosen from the data, never from the words of the reason', () => {
    // The reason's words name an error code, but no error was recorded: the general step.
    expect(notRunHint({ check: 'probe', code: 'not-run', reason: 'E_SECRET_REF in the words only' })).toMatch(
      /remove the cause above/,
    );
  });

  test('each local limit gets its own step, with its value', () => {
    const deadline = notRunHint({
      check: 'probe',
      code: 'not-run',
      reason: 'x',
      limit: { kind: 'deadline', ms: 60000 },
    });
    expect(deadline).toMatch(/`--deadline`, now 60000 ms/);
    const stall = notRunHint({
      check: 'probe',
      code: 'transport-timeout',
      reason: 'x',
      limit: { kind: 'stall', ms: 500 },
    });
    expect(stall).toMatch(/stopped for 500 ms.*`--stall-ms`/);
    const timeout = notRunHint({
      check: 'probe',
      code: 'transport-timeout',
      reason: 'x',
      limit: { kind: 'timeout', ms: 9 },
    });
    expect(timeout).toMatch(/longer than 9 ms/);
  });

  test('each not-run code with a known cause names what to change', () => {
    const cases = [
      ['transport-refused', /make the target reachable.*refused.*`endpoint\.base-url`/],
      ['body-cut', /answer body ended early/],
      ['key-unavailable', /`auth\.key-ref`/],
      ['target-misconfigured', /fix the configuration finding/],
      ['rate-limited', /`limits\.rate-limit`/],
      ['not-sent', /`billing\.review-budget`/],
      ['not-built', /request clauses/],
      ['model-not-validated', /`request\.model-id`/],
      ['source-unreachable', /source URL/],
      ['nothing-judged', /capture format/],
    ] as const;
    for (const [code, expected] of cases) {
      const hint = notRunHint({ check: 'negative:missing-auth', code, reason: 'x' });
      expect(hint, code).toMatch(expected);
      expect(hint, code).toMatch(new RegExp(`waive \`negative:missing-auth:${code}\``));
    }
  });

  test('a cause without a specific step keeps the general one', () => {
    expect(notRunHint({ check: 'probe', code: 'not-run', reason: 'the run deadline passed' })).toMatch(
      /remove the cause above/,
    );
  });
});
