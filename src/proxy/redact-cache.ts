/**
 * @module proxy/redact-cache
 * The attempt log redacts the same few strings over and over (the path, the model, a retry count): each
 * redaction runs every secret pattern, so results are remembered. Redaction is a pure function of its input.
 */
import type { Redactor } from '../redact/index.js';

/** Entries kept before the cache starts over; enough for every path, model and header value a client uses. */
const LIMIT = 1024;
/** Longer strings are rare and rarely repeat (an idempotency key): redacted every time, never kept. */
const LONGEST = 256;

function remember(redact: (input: string) => string): (input: string) => string {
  let cache = new Map<string, string>();
  return (input) => {
    if (input.length > LONGEST) return redact(input);
    let output = cache.get(input);
    if (output === undefined) {
      output = redact(input);
      if (cache.size >= LIMIT) cache = new Map();
      cache.set(input, output);
    }
    return output;
  };
}

/** `redactor` with its `text` and `url` results remembered. */
export function cachedRedactor(redactor: Redactor): Redactor {
  return { ...redactor, text: remember(redactor.text), url: remember(redactor.url) };
}
