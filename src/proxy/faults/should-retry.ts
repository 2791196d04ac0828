/** @module proxy/faults/should-retry Adds `x-should-retry: true|false`, which openai-node obeys before the status. */
import { intercept } from '../response.js';
import type { Fault } from '../types.js';

/** Adds `x-should-retry` to whatever the rest of the chain answers with. */
export function shouldRetry(value: boolean): Fault {
  return (next) => (request, response) => {
    request.note(`should-retry:${value}`);
    return next(
      request,
      intercept(response, {
        head: (status, headers) => response.head(status, { ...headers, 'x-should-retry': String(value) }),
      }),
    );
  };
}
