// Shared by the client-audit tests: the simulator's profile ledger with chosen clause values replaced.
import { type Contract, type JsonValue, LedgerSchema } from '../src/contract/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { testContract } from './builders.js';

export function simulatorContract(overrides: Record<string, JsonValue> = {}): Contract {
  const input = profileLedger('cometapi', {
    baseUrl: 'http://127.0.0.1/v1',
    keyRef: 'env:CHATPROOF_SIM_KEY',
  });
  const ledger = LedgerSchema.parse(input);
  for (const clause of ledger.clauses) {
    if (Object.hasOwn(overrides, clause.id)) clause.value = overrides[clause.id]!;
  }
  return testContract(ledger);
}

export const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
