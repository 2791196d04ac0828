import fc from 'fast-check';
import { expect, test } from 'vitest';
import { type Reply, sseEvent, streamChunks, streamEvents } from './completion.js';

const reply = fc.record({
  id: fc.string(),
  created: fc.integer({ min: 0, max: 2 ** 40 }),
  model: fc.string(),
  pieces: fc.array(fc.string(), { maxLength: 6 }),
  finishReason: fc.constantFrom('stop', 'length'),
  // The fast path serves one choice without logprobs; the rest go through the chunk objects.
  n: fc.constant(1),
  logprobs: fc.constant(false),
  usage: fc.record({
    prompt_tokens: fc.nat(),
    completion_tokens: fc.nat(),
    total_tokens: fc.nat(),
  }),
}) as fc.Arbitrary<Reply>;

test('the fast stream serialiser is byte-identical to serialising the chunk objects', () => {
  fc.assert(
    fc.property(reply, fc.boolean(), (sample, includeUsage) => {
      const slow = streamChunks(sample, includeUsage).map((chunk) => sseEvent(JSON.stringify(chunk)));
      expect(streamEvents(sample, includeUsage)).toEqual(slow);
    }),
    { numRuns: 500 },
  );
});
