// Soak: 500 concurrent streams through the proxy, each open about 2 s.
import { test } from 'vitest';
import { concurrentStreams } from './helpers/proxy-streams.js';

test('500 concurrent streams complete with zero proxy errors and no leaked sockets', async () => {
  await concurrentStreams(500);
});
