/**
 * @module proxy/faults/retry-after
 * Adds a retry signal to the response: `Retry-After` in seconds, `Retry-After` as an HTTP date, or
 * `retry-after-ms` (the non-standard millisecond header openai-node reads first).
 */
import { type Clock, systemClock } from '../../clock.js';
import { intercept } from '../response.js';
import type { Fault } from '../types.js';

export type RetryAfterOptions =
  | { seconds: number }
  /** An HTTP date this many seconds after the response is sent. */
  | { dateInSeconds: number; now?: Clock }
  | { ms: number };

/** The header name and value for a retry signal, computed at `now` (ms since the epoch). */
export function retryAfterHeader(options: RetryAfterOptions, now: number): [string, string] {
  if ('ms' in options) return ['retry-after-ms', String(options.ms)];
  if ('seconds' in options) return ['retry-after', String(options.seconds)];
  // HTTP dates have one-second resolution: round up so the client never waits less than asked.
  const at = Math.ceil((now + options.dateInSeconds * 1000) / 1000) * 1000;
  return ['retry-after', new Date(at).toUTCString()];
}

/** Adds the retry signal to whatever status the rest of the chain answers with. */
export function retryAfter(options: RetryAfterOptions): Fault {
  const now = 'now' in options && options.now ? options.now : systemClock;
  return (next) => (request, response) => {
    request.note('retry-after');
    return next(
      request,
      intercept(response, {
        head: (status, headers) => {
          const [name, value] = retryAfterHeader(options, now().getTime());
          response.head(status, { ...headers, [name]: value });
        },
      }),
    );
  };
}
