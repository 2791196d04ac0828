/** Shared set-up for the probe and negative suites: a simulator per profile and a ledger describing it. */
import {
  CLAUSE,
  type Clause,
  type ClauseId,
  type Contract,
  type JsonValue,
  type LedgerInput,
} from '../src/contract/index.js';
import { profileLedger, type Simulator, startSimulator } from '../src/simulator/index.js';
import { testContract } from './builders.js';

/** Shaped like a real key so pattern rules would catch it too; used as the canary. */
export const KEY = 'sk-chatproofcanary7Qm2vX9pL4tR8wZ1nB6yK3';
export const KEY_REF = 'env:CHATPROOF_TEST_KEY';
export const ENV = { CHATPROOF_TEST_KEY: KEY };
export const PROFILES = ['cometapi', 'openai'] as const;
export type ProfileName = (typeof PROFILES)[number];

export function clauseOf(ledger: LedgerInput, id: ClauseId): Clause {
  const clause = ledger.clauses.find((c) => c.id === id) as Clause | undefined;
  if (!clause) throw new Error(`no clause ${id}`);
  return clause;
}

export function setValue(ledger: LedgerInput, id: ClauseId, value: JsonValue): void {
  clauseOf(ledger, id).value = value;
}

export interface Simulated {
  sim: Simulator;
  ledger: LedgerInput;
  contract: () => Contract;
}

/**
 * Starts a simulator and the profile's complete ledger for it. The profile ledger carries response and chunk
 * schemas; `schemas: false` removes them, to test judgement without types.
 */
export async function simulated(profile: ProfileName, schemas = true): Promise<Simulated> {
  const sim = await startSimulator({ profile, seed: 7, apiKey: KEY });
  const ledger = profileLedger(profile, { baseUrl: sim.url, keyRef: KEY_REF });
  if (!schemas) {
    delete clauseOf(ledger, CLAUSE.responseFields).schema;
    delete clauseOf(ledger, CLAUSE.streamDone).schema;
  }
  return { sim, ledger, contract: () => testContract(structuredClone(ledger)) };
}
