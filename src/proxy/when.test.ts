import { expect, test } from 'vitest';
import { when } from './when.js';

test('resolves at once when the condition holds, else at the first check that finds it', async () => {
  let open = 0;
  const drained = when(() => open === 0);
  await drained.wait();
  open = 2;
  let done = false;
  const waiting = drained.wait().then(() => {
    done = true;
  });
  open = 1;
  drained.check();
  await Promise.resolve();
  expect(done).toBe(false);
  open = 0;
  drained.check();
  await waiting;
  expect(done).toBe(true);
});
