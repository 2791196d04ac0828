/**
 * @module proxy/faults/probability
 * A seeded probability: each request meets the fault with chance `p`, drawn from a seeded generator so the same
 * seed gives the same sequence of hits, run after run.
 */
import { seededRandom } from '../../simulator/random.js';
import type { Fault } from '../types.js';

// The simulator's generator: one seeded sequence definition for every probabilistic fault in chatproof.
export { seededRandom };

/** Applies `fault` to each request with probability `p` (0..1), drawn from `seed`. */
export function probability(p: number, fault: Fault, seed = 1): Fault {
  return (next) => {
    const faulty = fault(next);
    const random = seededRandom(seed);
    return (request, response) => (random() < p ? faulty(request, response) : next(request, response));
  };
}
