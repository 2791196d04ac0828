/**
 * @module simulator/state
 * What one running simulator remembers: its profile, key, seeded generators and attempt counters. Fault timers
 * belong to the fault middleware, which clears them when the connection closes.
 */
import type { Clock } from '../clock.js';
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
  clock: Clock;
}

export function createState(profile: Profile, seed: number, apiKey: string, clock: Clock): SimulatorState {
  const idRandom = seededRandom(seed);
  return {
    profile,
    seed,
    apiKey: Buffer.from(apiKey),
    attempts: new AttemptCounter(),
    faultRandom: seededRandom(seed ^ 0x9e3779b9),
    newId: () => hex(idRandom, 24),
    clock,
  };
}
