/** @module proxy/faults/reset-before-headers Drops the connection before any byte of an answer. */
import type { Fault } from '../types.js';

/** Resets the client connection without answering or contacting the upstream. */
export function resetBeforeHeaders(): Fault {
  return () => (request, response) => {
    request.note('reset-before-headers');
    response.reset();
  };
}
