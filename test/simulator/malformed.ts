/**
 * Malformed requests against the simulator over one keep-alive agent, shared by the fast tier
 * (simulator-malformed.test.ts) and the soak tier (simulator-malformed.soak.test.ts).
 */
import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';
import { HELLO, KEY, start } from './helpers.js';

let sim: Simulator;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  sim = await start({ profile: 'cometapi' });
});
afterAll(async () => {
  agent.destroy();
  await sim.close();
});

interface Sent {
  body: string | Uint8Array;
  authorization?: string;
}

export function send(path: string, sent: Sent): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    headers.authorization = sent.authorization ?? `Bearer ${KEY}`;
    const req = httpRequest(`${sim.url}${path}`, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(sent.body);
  });
}

const base = { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] };
const notJson = fc.string().filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const notObject = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue()),
);
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.jsonValue()),
  fc.dictionary(fc.string(), fc.jsonValue()),
);
const badModel = fc.oneof(
  notString,
  fc.constant(null),
  fc.constant(''),
  fc
    .string({ minLength: 1 })
    .filter((model) => !['gpt-4.1-nano', 'gpt-5.1'].some((id) => model.startsWith(id))),
);
const badRole = fc
  .string()
  .filter((role) => !['system', 'user', 'assistant', 'developer', 'tool'].includes(role));
const badMessages = fc.oneof(
  fc.constant([]),
  notString.filter((value) => !Array.isArray(value)),
  fc.array(notObject, { minLength: 1, maxLength: 3 }),
  badRole.map((role) => [{ role, content: 'x' }]),
  fc
    .oneof(fc.integer(), fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue()))
    .map((content) => [{ role: 'user', content }]),
  fc.constant([{ role: 'tool', content: 'no tool_call_id' }]),
);
const badNumber = (min: number, max: number) =>
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => value < min || value > max),
    fc.string(),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 2 }),
  );
const badField = fc.oneof(
  badModel.map((model) => ({ model })),
  badMessages.map((messages) => ({ messages })),
  badNumber(0, 2).map((temperature) => ({ temperature })),
  badNumber(0, 1).map((top_p) => ({ top_p })),
  // An integer is all the document asks of a token limit (no minimum): only other types are malformed.
  fc
    .oneof(fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }), fc.string())
    .map((max_tokens) => ({ max_tokens })),
  fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 129 }), fc.string()).map((n) => ({ n })),
  fc
    .oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.jsonValue()))
    .map((stream) => ({ stream })),
  fc.string().map((include_usage) => ({ stream: true, stream_options: { include_usage } })),
  fc.string().map((spec) => ({ model: `gpt-4.1-nano+fault=${spec}!` })),
);
const extras = fc.dictionary(
  fc
    .string()
    .filter(
      (key) =>
        !(key in base) &&
        ![
          'temperature',
          'top_p',
          'max_tokens',
          'max_completion_tokens',
          'n',
          'stream',
          'stream_options',
          '__proto__',
        ].includes(key),
    ),
  fc.jsonValue(),
  { maxKeys: 2 },
);
const malformed: fc.Arbitrary<Sent> = fc.oneof(
  notJson.map((body) => ({ body })),
  fc.uint8Array({ maxLength: 64 }).map((body) => ({ body })),
  notObject.map((value) => ({ body: JSON.stringify(value) })),
  fc
    .tuple(badField, extras)
    .map(([field, extra]) => ({ body: JSON.stringify({ ...base, ...extra, ...field }) })),
  fc.string().map((token) => ({
    body: JSON.stringify(base),
    authorization: `Bearer x${token.replace(/[^\x21-\x7e]/g, '')}`,
  })),
);

/** Sends `runs` generated malformed requests: each gets a 4xx, then a valid request still succeeds. */
export async function sendMalformed(runs: number): Promise<void> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(malformed, async (sent) => {
      const status = await send('/chat/completions', sent);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return status >= 400 && status < 500;
    }),
    { numRuns: runs },
  );
  expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  expect(await send('/chat/completions', { body: JSON.stringify(HELLO) })).toBe(200);
}

/** The running simulator's body limit. */
export const bodyLimit = () => sim.profile.bodyLimitBytes.value;
