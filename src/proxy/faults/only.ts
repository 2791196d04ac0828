/** @module proxy/faults/only Limits a fault to streaming or to non-streaming requests. */
import type { Fault } from '../types.js';

/** Applies `fault` only to requests that ask for a stream (`stream`) or only to those that do not (`json`). */
export function only(kind: 'stream' | 'json', fault: Fault): Fault {
  return (next) => {
    const faulty = fault(next);
    return (request, response) =>
      request.wantsStream === (kind === 'stream') ? faulty(request, response) : next(request, response);
  };
}
