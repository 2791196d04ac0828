/**
 * @module simulator
 * The embedded API simulator: a faithful CometAPI / OpenAI-compatible stand-in with a fault and drift
 * catalogue, driven by contract profiles that are data.
 */

export { cataloguedError, type FaultEnvelopeOptions, faultEnvelope } from './answer.js';
export { type CatalogueItem, DRIFTS, type DriftName, FAULTS, type FaultName } from './catalogue.js';
export { type ErrorAnswer, type ErrorBodyInput, errorBody, errorObject } from './envelope.js';
export { type LedgerTarget, PROFILE_SOURCES_ACCESSED, profileLedger } from './ledger.js';
export { PROFILE_NAMES, PROFILES } from './profiles/index.js';
export { type Random, seededRandom } from './random.js';
export { FAULT_HEADER, MODEL_SUFFIX, parseSpec, SEQUENCE_HEADER, type SpecItem } from './selection.js';
export { isLoopback, type SimulatorTimeouts } from './server.js';
export {
  DEMO_KEY,
  type Simulator,
  type SimulatorOptions,
  type SimulatorRequest,
  startSimulator,
} from './simulator.js';
export type { ErrorSpec, ModelEntry, Profile, ProfileName, ProfileSource, Sourced } from './types.js';
