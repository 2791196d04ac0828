/** @module proxy/compose Chains faults around a handler: the first fault is the outermost. */
import type { Fault, Handler } from './types.js';

/** Wraps `handler` in `faults`, the first one outermost (it sees the request first and the response last). */
export function composeFaults(faults: readonly Fault[], handler: Handler): Handler {
  let chain = handler;
  for (let index = faults.length - 1; index >= 0; index -= 1) chain = faults[index]!(chain);
  return chain;
}

/** Several faults as one, the first outermost. */
export function all(...faults: Fault[]): Fault {
  return (next) => composeFaults(faults, next);
}
