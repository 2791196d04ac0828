import { expect, test } from 'vitest';
import { EXIT_CODES_HELP } from './cli/help.js';
import { interruptedExitCode } from './errors.js';
import { EXIT } from './exit.js';
import { VERDICT_EXIT_CODE } from './verdict/index.js';

test('the verdict maps onto the one exit-code table', () => {
  for (const verdict of ['pass', 'fail', 'escalate'] as const) {
    expect(VERDICT_EXIT_CODE[verdict]).toBe(EXIT[verdict]);
  }
});

test('every exit code of the table is documented in --help, and no other', () => {
  const documented = [...EXIT_CODES_HELP.matchAll(/^ {2}(\d+) /gm)].map((match) => Number(match[1]));
  expect(documented).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
});

test('an interrupted run exits with the table’s code for its signal', () => {
  const aborted = (signalName?: string) => {
    const controller = new AbortController();
    controller.abort(signalName ? { signalName } : undefined);
    return controller.signal;
  };
  expect(interruptedExitCode(aborted('SIGTERM'))).toBe(EXIT.terminated);
  expect(interruptedExitCode(aborted('SIGINT'))).toBe(EXIT.interrupted);
  expect(interruptedExitCode(undefined)).toBe(EXIT.interrupted);
});
