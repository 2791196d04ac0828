import { describe, expect, test } from 'vitest';
import type { JudgedFinding, NotRunFinding } from '../classify/types.js';
import { clausesValidatedBy } from './facts.js';

/** An answered chat probe's finding: each test changes one thing of it. */
const ANSWERED = {
  class: 'documented-handled',
  check: 'probe',
  area: 'response',
  clause: 'response.content-path',
  code: 'content-read',
  message: 'read',
  evidence: {},
} as const satisfies JudgedFinding;

const finding = (over: Partial<JudgedFinding>): JudgedFinding => ({ ...ANSWERED, ...over });

describe('clausesValidatedBy', () => {
  test('an answered chat probe validates its clause plus the endpoint and auth clauses its request used', () => {
    expect(clausesValidatedBy(finding({})).sort()).toEqual([
      'auth.header',
      'auth.key-ref',
      'auth.scheme',
      'endpoint.base-url',
      'endpoint.chat-path',
      'request.content-field',
      'request.max-tokens-field',
      'request.messages-field',
      'request.model-field',
      'request.role-field',
      'request.user-role',
      'response.content-path',
    ]);
  });

  test('the model-list probe validates the models path, not the chat path', () => {
    const ids = clausesValidatedBy(finding({ check: 'probe-models', clause: 'request.model-id' }));
    expect(ids).toContain('endpoint.models-path');
    expect(ids).not.toContain('endpoint.chat-path');
  });

  test('only documented-and-handled findings validate anything', () => {
    for (const cls of ['documented-not-handled', 'observed-not-documented', 'unexpected'] as const) {
      expect(clausesValidatedBy(finding({ class: cls }))).toEqual([]);
    }
    const notRun: NotRunFinding = { ...ANSWERED, class: 'not-run', reason: 'target unreachable' };
    expect(clausesValidatedBy(notRun)).toEqual([]);
  });

  test('a finding that names more clauses it judged validates each of them', () => {
    expect(
      clausesValidatedBy({
        class: 'documented-handled',
        check: 'negative:temperature-out-of-range',
        clause: 'errors.invalid-request',
        clauses: ['errors.invalid-request', 'request.temperature-range'],
      }).sort(),
    ).toEqual(['errors.invalid-request', 'request.temperature-range']);
  });

  test('other checks validate only the clause they were judged against', () => {
    expect(clausesValidatedBy(finding({ check: 'audit:baseline', clause: null }))).toEqual([]);
    expect(
      clausesValidatedBy(finding({ check: 'negative:missing-auth', clause: 'errors.bad-auth' })),
    ).toEqual(['errors.bad-auth']);
  });
});

describe('a quote that quotes nothing is not source evidence', () => {
  test('empty, n/a, TBD or a placeholder: not cited', async () => {
    const { isCited } = await import('./facts.js');
    for (const quote of ['', '  ', 'n/a', 'N/A', 'TBD', '…', '<QUOTED_PASSAGE>']) {
      expect(isCited({ url: 'https://docs.example.test', quote })).toBe(false);
    }
    expect(isCited({ url: 'https://docs.example.test', quote: 'POST /v1/chat/completions' })).toBe(true);
  });
});
