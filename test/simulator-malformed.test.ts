/**
 * Property: no malformed request makes the simulator crash or answer anything but a 4xx, and a valid request
 * still succeeds after them. The 10,000-request run is in simulator-malformed.soak.test.ts.
 */
import { expect, test } from 'vitest';
import { bodyLimit, send, sendMalformed } from './simulator/malformed.js';

test('1,000 malformed requests get only 4xx answers and the simulator keeps serving', async () => {
  await sendMalformed(1_000);
});

test('a body over the limit is a 413 and a bare uploaded byte stream cannot exhaust memory', async () => {
  const big = Buffer.alloc(bodyLimit() + 1, 0x20);
  expect(await send('/chat/completions', { body: big })).toBe(413);
});
