/**
 * @module simulator/state
 * What one running simulator remembers: its profile, key, seeded generators, attempt counters and timers.
 */
import type { ServerResponse } from 'node:http';
import { hex, type Random, seededRandom } from './random.js';
import { AttemptCounter } from './selection.js';
import type { Profile } from './types.js';

export interface SimulatorState {
  profile: Profile;
  seed: number;
  apiKey: Buffer;
  attempts: AttemptCounter;
  /** Drifts every chat answer gets (the `drift` option), before the request's own spec. */
  drift?: string;
  /** Draws probabilistic faults; separate from ids so adding ids never changes which faults fire. */
  faultRandom: Random;
  /** A fresh id (24 hex characters), deterministic for the seed and the order of requests. */
  newId(): string;
  clock(): number;
  /** Runs `fn` after `ms`, unless the response closes or the simulator shuts down first. */
  later(res: ServerResponse, ms: number, fn: () => void): void;
  /** Cancels every pending timer (on close). */
  cancelAll(): void;
}

export function createState(
  profile: Profile,
  seed: number,
  apiKey: string,
  clock: () => number,
): SimulatorState {
  const idRandom = seededRandom(seed);
  const pending = new Set<NodeJS.Timeout>();
  return {
    profile,
    seed,
    apiKey: Buffer.from(apiKey),
    attempts: new AttemptCounter(),
    faultRandom: seededRandom(seed ^ 0x9e3779b9),
    newId: () => hex(idRandom, 24),
    clock,
    later(res, ms, fn) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        res.removeListener('close', cancel);
        fn();
      }, ms);
      const cancel = () => {
        clearTimeout(timer);
        pending.delete(timer);
      };
      pending.add(timer);
      res.once('close', cancel);
    },
    cancelAll() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}
