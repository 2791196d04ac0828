/**
 * @module checks/ledger/codes
 * The finding codes of the ledger's own checks. The type is the table: a code not listed here does not compile.
 */

export const LEDGER_CODES = ['value-contradicts-quote'] as const;
export type LedgerCode = (typeof LEDGER_CODES)[number];

/** The check name of the ledger's own checks (a value that contradicts its quote). */
export const LEDGER_CHECK = 'ledger';
