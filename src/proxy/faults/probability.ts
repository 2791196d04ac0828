/**
 * @module proxy/faults/probability
 * A seeded probability: each request meets the fault with chance `p`, drawn from a seeded generator so the same
 * seed gives the same sequence of hits, run after run.
 */
import type { Fault } from '../types.js';

/** mulberry32: small and fast; enough to pick faults, not for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Applies `fault` to each request with probability `p` (0..1), drawn from `seed`. */
export function probability(p: number, fault: Fault, seed = 1): Fault {
  return (next) => {
    const faulty = fault(next);
    const random = seededRandom(seed);
    return (request, response) => (random() < p ? faulty(request, response) : next(request, response));
  };
}
