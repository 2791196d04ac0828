/**
 * @module checks/ledger/codes
 * The finding codes of the ledger's own checks. The type is the table: a code not listed here does not compile.
 */

export const LEDGER_CODES = ['value-contradicts-quote'] as const;
export type LedgerCode = (typeof LEDGER_CODES)[number];
