/** Soak: ten thousand generated malformed requests over one keep-alive agent, then a valid one succeeds. */
import { test } from 'vitest';
import { sendMalformed } from './simulator/malformed.js';

test('10,000 malformed requests get only 4xx answers and the simulator keeps serving', async () => {
  await sendMalformed(10_000);
});
