/** Shared set-up for the probe and negative suites: a simulator per profile and a ledger describing it. */
import {
  CLAUSE,
  type Clause,
  type Contract,
  type JsonValue,
  type LedgerInput,
  LedgerSchema,
  toContract,
} from '../src/contract/index.js';
import { profileLedger, type Simulator, startSimulator } from '../src/simulator/index.js';

/** Shaped like a real key so pattern rules would catch it too; used as the canary. */
export const KEY = 'sk-chatproofcanary7Qm2vX9pL4tR8wZ1nB6yK3';
export const KEY_REF = 'env:CHATPROOF_TEST_KEY';
export const ENV = { CHATPROOF_TEST_KEY: KEY };
export const PROFILES = ['cometapi', 'openai'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** A JSON Schema (draft 2020-12) for the success body, as `init --from-openapi` attaches to response.fields. */
export const RESPONSE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['id', 'object', 'created', 'model', 'choices'],
  properties: {
    id: { type: 'string' },
    object: { const: 'chat.completion' },
    created: { type: 'integer' },
    model: { type: 'string' },
    choices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'message', 'finish_reason'],
        properties: {
          index: { type: 'integer' },
          message: { type: 'object', properties: { content: { type: ['string', 'null'] } } },
        },
      },
    },
  },
};

/** The stream chunk schema, as `init --from-openapi` attaches to response.stream-done. */
export const CHUNK_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['id', 'object', 'created', 'model', 'choices'],
  properties: {
    id: { type: 'string' },
    object: { const: 'chat.completion.chunk' },
    created: { type: 'integer' },
    model: { type: 'string' },
    choices: { type: 'array' },
  },
};

export function clauseOf(ledger: LedgerInput, id: string): Clause {
  const clause = ledger.clauses.find((c) => c.id === id) as Clause | undefined;
  if (!clause) throw new Error(`no clause ${id}`);
  return clause;
}

export function setValue(ledger: LedgerInput, id: string, value: JsonValue): void {
  clauseOf(ledger, id).value = value;
}

export interface Simulated {
  sim: Simulator;
  ledger: LedgerInput;
  contract: () => Contract;
}

/** Starts a simulator and a complete ledger for it (with response schemas unless `schemas: false`). */
export async function simulated(profile: ProfileName, schemas = true): Promise<Simulated> {
  const sim = await startSimulator({ profile, seed: 7, apiKey: KEY });
  const ledger = profileLedger(profile, { baseUrl: sim.url, keyRef: KEY_REF });
  if (schemas) {
    clauseOf(ledger, CLAUSE.responseFields).schema = structuredClone(RESPONSE_SCHEMA);
    clauseOf(ledger, CLAUSE.streamDone).schema = structuredClone(CHUNK_SCHEMA);
  }
  return { sim, ledger, contract: () => toContract(LedgerSchema.parse(structuredClone(ledger))) };
}
