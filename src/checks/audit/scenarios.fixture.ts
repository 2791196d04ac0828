/** @module checks/audit/scenarios.fixture The simulator's profile ledger with clause values replaced, for unit tests. */
import { type Contract, type JsonValue, LedgerSchema, toContract } from '../../contract/index.js';
import { profileLedger } from '../../simulator/index.js';

export function simulatorContractForUnit(overrides: Record<string, JsonValue>): Contract {
  const ledger = LedgerSchema.parse(
    profileLedger('cometapi', { baseUrl: 'http://127.0.0.1/v1', keyRef: 'env:X' }),
  );
  for (const clause of ledger.clauses)
    if (Object.hasOwn(overrides, clause.id)) clause.value = overrides[clause.id]!;
  return toContract(ledger);
}
