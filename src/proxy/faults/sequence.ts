/** @module proxy/faults/sequence "Fail the first N, then pass": the fault acts on the first `count` requests only. */
import type { Fault } from '../types.js';

/** Applies `fault` to the first `count` requests this instance sees, then passes everything through. */
export function sequence(count: number, fault: Fault): Fault {
  return (next) => {
    const faulty = fault(next);
    let seen = 0;
    return (request, response) => {
      seen += 1;
      return seen <= count ? faulty(request, response) : next(request, response);
    };
  };
}
