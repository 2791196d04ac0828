import { expect, test } from 'vitest';
import { judgeChatAnswer } from '../src/checks/index.js';
import { profileContract } from './builders.js';
import { fuzzJsonBody } from './helpers/json-body-fuzz.js';

const CONTRACT = profileContract('openai', { baseUrl: 'http://127.0.0.1:9/v1', keyRef: 'env:FUZZ_KEY' });

/** The fast tier: a few hundred hostile bodies (the soak tier runs 100,000). */
test('JSON body judge: any bytes as a body end in a finding or a pass, never a crash or a hang', () => {
  const tally = fuzzJsonBody(400);
  expect(tally).toMatchObject({ runs: 400, judged: 800, crashes: 0, hangs: 0 });
}, 60_000);

test('a body nested 100,000 levels deep is judged (not JSON object, or fields missing), not a stack overflow', () => {
  for (const [open, close] of [
    ['[', ']'],
    ['{"choices":[{"message":', '}]}'],
  ] as const) {
    const body = `${open.repeat(100_000)}1${close.repeat(100_000)}`;
    const judged = judgeChatAnswer(CONTRACT, {
      kind: 'json',
      request: { url: 'http://127.0.0.1:9/v1/chat/completions', body: '{"model":"gpt-4o-mini"}' },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body },
    });
    expect(judged.findings.some((f) => f.class === 'unexpected')).toBe(true);
  }
}, 60_000);
