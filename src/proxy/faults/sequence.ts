/** @module proxy/faults/sequence "Fail the first N, then pass": the fault acts on the first `count` requests only. */
import type { Fault, ProxyRequest } from '../types.js';

/**
 * Applies `fault` to the first `count` requests, then passes everything through. Requests are counted as this
 * instance sees them, or by `attemptOf` (the number a request was given where its whole fault spec starts, so
 * requests an earlier fault answered itself count too).
 */
export function sequence(count: number, fault: Fault, attemptOf?: (request: ProxyRequest) => number): Fault {
  return (next) => {
    const faulty = fault(next);
    let seen = 0;
    return (request, response) => {
      seen += 1;
      return (attemptOf?.(request) ?? seen) <= count ? faulty(request, response) : next(request, response);
    };
  };
}
