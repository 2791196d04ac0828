/**
 * Hostile-input fuzzing of the JSON body judge: any bytes as a chat answer's body, judged with the simulator
 * profiles' ledgers. Each input must end in a finding or a pass (the parser read a completion), never a throw,
 * and within `HANG_MS`. Shared by the fast tier and the soak tier. `runs` counts generated bodies; each is judged
 * with every ledger (`judged`). A judge never throws, so `explained` (inputs ended by a `ChatproofError`) stays 0.
 */
import fc from 'fast-check';
import { judgeChatAnswer } from '../../src/checks/index.js';
import type { Contract } from '../../src/contract/index.js';
import { profileContract } from '../builders.js';
import { type FuzzTally, HANG_MS } from './hostile-fuzz.js';

const TARGET = { baseUrl: 'http://127.0.0.1:9/v1', keyRef: 'env:FUZZ_KEY' };
const CONTRACTS: Contract[] = (['cometapi', 'openai'] as const).map((profile) =>
  profileContract(profile, TARGET),
);

const COMPLETION = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_764_633_600,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
};

/** A completion with one field replaced by any JSON value: shapes close to a real answer, wrong in one place. */
const nearCompletion = fc
  .tuple(
    fc.constantFrom('id', 'object', 'created', 'model', 'choices', 'usage', 'error'),
    fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined)),
  )
  .map(([key, value]) => JSON.stringify({ ...COMPLETION, [key]: value }));

/** Deep nesting, where a recursive walk over the parsed body would overflow the stack. */
const deep = fc
  .tuple(fc.constantFrom('[', '{"a":', '{"choices":'), fc.integer({ min: 1, max: 20_000 }))
  .map(([open, depth]) => {
    const close = open === '[' ? ']' : '}';
    return `${open.repeat(depth)}1${close.repeat(depth)}`;
  });

/** Any bytes, read as the HTTP client reads a body (UTF-8, with replacement characters). */
const bytes = fc.uint8Array({ maxLength: 400 }).map((raw) => Buffer.from(raw).toString('utf8'));

export const hostileBody = fc.oneof(
  bytes,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json({ maxDepth: 6 }),
  nearCompletion,
  nearCompletion.map((text) => text.slice(0, Math.floor(text.length / 2))),
  deep,
);

export function fuzzJsonBody(numRuns: number): FuzzTally & { judged: number } {
  const tally = { runs: 0, judged: 0, crashes: 0, hangs: 0, explained: 0 };
  fc.assert(
    fc.property(
      hostileBody,
      fc.constantFrom(200, 200, 200, 201, 400, 429, 500),
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''),
      (body, status, contentType) => {
        tally.runs++;
        for (const contract of CONTRACTS) {
          const started = performance.now();
          tally.judged++;
          let judged: ReturnType<typeof judgeChatAnswer>;
          try {
            judged = judgeChatAnswer(contract, {
              kind: 'json',
              request: { url: 'http://127.0.0.1:9/v1/chat/completions', body: '{"model":"gpt-4o-mini"}' },
              response: { status, headers: contentType ? { 'content-type': contentType } : {}, body },
            });
          } catch (error) {
            tally.crashes++;
            throw error;
          }
          if (performance.now() - started > HANG_MS) {
            tally.hangs++;
            throw new Error(`a body took ${Math.round(performance.now() - started)} ms`);
          }
          if (judged.findings.length === 0 && !judged.parser.parsed) {
            throw new Error('a body ended in neither a finding nor a pass');
          }
        }
      },
    ),
    { numRuns },
  );
  return tally;
}
